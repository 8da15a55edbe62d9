/**
 * Template diagnostics as Monaco markers, recomputed ~150 ms after typing stops so the analysis never
 * competes with keystrokes. The last diagnostics per model are kept for the quick-fix provider.
 */
import type { editor, IDisposable } from 'monaco-editor/editor';
import { analyseTemplate, type AnalyseOptions } from '../../../../../shared/template/analysis';
import type { TemplateDiagnostic } from '../../../../../shared/template/analysis-types';
import { MARKER_SEVERITY, toEditorRange } from '../../../../../shared/template/editor-mapping';
import { monaco } from '../../monaco';

/** The marker owner for template diagnostics. */
export const MARKER_OWNER = 'hooksmith-template';
const DEBOUNCE_MS = 150;

const latest = new WeakMap<editor.ITextModel, TemplateDiagnostic[]>();

/** The diagnostics last shown for a model (what the quick fixes act on). */
export function diagnosticsOf(model: editor.ITextModel): readonly TemplateDiagnostic[] {
  return latest.get(model) ?? [];
}

/** Markers for a model, refreshed after edits; `refresh()` re-runs at once (e.g. the escape mode changed). */
export interface DiagnosticsWatch extends IDisposable {
  refresh(): void;
}

/** Starts keeping a model's markers in step with its text. */
export function watchDiagnostics(model: editor.ITextModel, options: () => AnalyseOptions, onChange?: (d: TemplateDiagnostic[]) => void): DiagnosticsWatch {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    timer = undefined;
    if (model.isDisposed()) return;
    const diagnostics = analyseTemplate(model.getValue(), options()).diagnostics;
    latest.set(model, diagnostics);
    monaco.editor.setModelMarkers(
      model,
      MARKER_OWNER,
      diagnostics.map((d) => ({ ...toEditorRange(d), severity: MARKER_SEVERITY[d.severity], message: d.message, code: d.code, source: 'Hooksmith' })),
    );
    onChange?.(diagnostics);
  };
  const sub = model.onDidChangeContent(() => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  });
  run();
  return {
    refresh: run,
    dispose() {
      if (timer) clearTimeout(timer);
      sub.dispose();
      if (!model.isDisposed()) monaco.editor.setModelMarkers(model, MARKER_OWNER, []);
    },
  };
}
