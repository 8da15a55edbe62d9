/**
 * The body-template editor: Monaco with the Handlebars providers and live diagnostics.
 *
 * Callers (features/template) see only this component and its handle, never Monaco itself.
 */
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import Editor from '@monaco-editor/react';
import type { TemplateDiagnostic } from '../../../shared/template/analysis-types';
import type { EscapeMode } from '../../../shared/template/render';
import { BASE_EDITOR_OPTIONS } from './editor-options';
import { currentTheme, monaco } from './monaco';
import { useOwnedModel } from './owned-model';
import { watchDiagnostics, type DiagnosticsWatch } from './languages/handlebars/diagnostics';
import { registerTemplateLanguage, TEMPLATE_LANGUAGE } from './languages/handlebars/providers';

/** What the template feature can do to the editor. */
export interface TemplateEditorHandle {
  /** Moves the cursor to a 1-based line and column, scrolls there and focuses the editor. */
  goTo(line: number, column: number): void;
  /** The template text before the cursor (to work out the block context there). */
  textBeforeCursor(): string;
  /** Replaces the selection with `text` (one undo step) and focuses the editor. */
  insertAtCursor(text: string): void;
}

export interface TemplateCodeEditorProps {
  value: string;
  onChange(value: string): void;
  /** The id of the editor's input, so a `<label for>` reaches it. */
  inputId: string;
  ariaLabel: string;
  escape: EscapeMode;
  height: number | string;
  onDiagnostics?(diagnostics: TemplateDiagnostic[]): void;
  /** "Splunk would refuse this: …": where the target's contract fails, marked as errors beside the analysis'. */
  targetMarkers?: ReadonlyArray<{ line: number; column: number; message: string }>;
}

/** The marker owner for target-contract findings. */
const TARGET_MARKER_OWNER = 'hooksmith-target-contract';

export const TemplateCodeEditor = forwardRef<TemplateEditorHandle, TemplateCodeEditorProps>(function TemplateCodeEditor(props, ref) {
  const { editorRef, attach } = useOwnedModel(props.value, props.onChange);
  const watchRef = useRef<DiagnosticsWatch | null>(null);
  const escapeRef = useRef(props.escape);
  const onDiagnosticsRef = useRef(props.onDiagnostics);
  onDiagnosticsRef.current = props.onDiagnostics;

  useEffect(() => {
    escapeRef.current = props.escape;
    watchRef.current?.refresh();
  }, [props.escape]);

  useEffect(() => () => watchRef.current?.dispose(), []);

  // Their own marker owner, so the analysis' refresh never clears them (and they never clear its).
  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model || model.isDisposed()) return;
    const markers = (props.targetMarkers ?? []).map((m) => {
      const line = Math.min(m.line, model.getLineCount());
      return { severity: monaco.MarkerSeverity.Error, message: m.message, startLineNumber: line, startColumn: m.column, endLineNumber: line, endColumn: model.getLineMaxColumn(line) };
    });
    monaco.editor.setModelMarkers(model, TARGET_MARKER_OWNER, markers);
  }, [props.targetMarkers, editorRef]);

  useImperativeHandle(ref, () => ({
    goTo(line, column) {
      const ed = editorRef.current;
      if (!ed) return;
      ed.setPosition({ lineNumber: line, column });
      ed.revealPositionInCenterIfOutsideViewport({ lineNumber: line, column });
      ed.focus();
    },
    textBeforeCursor() {
      const ed = editorRef.current;
      const model = ed?.getModel();
      const pos = ed?.getPosition();
      if (!model || !pos) return '';
      return model.getValueInRange({ startLineNumber: 1, startColumn: 1, endLineNumber: pos.lineNumber, endColumn: pos.column });
    },
    insertAtCursor(text) {
      const ed = editorRef.current;
      const sel = ed?.getSelection();
      if (!ed || !sel) return;
      ed.executeEdits('schema-panel', [{ range: sel, text, forceMoveMarkers: true }]);
      ed.pushUndoStop();
      ed.focus();
    },
  }));

  return (
    <Editor
      height={props.height}
      language={TEMPLATE_LANGUAGE}
      path="hooksmith://template/body.hbs"
      theme={currentTheme()}
      // Uncontrolled: the editor owns the text (see owned-model.ts); a `value` prop would overwrite fast typing.
      defaultValue={props.value}
      beforeMount={() => registerTemplateLanguage()}
      onMount={(ed) => {
        attach(ed);
        const model = ed.getModel();
        if (model) watchRef.current = watchDiagnostics(model, () => ({ escape: escapeRef.current }), (d) => onDiagnosticsRef.current?.(d));
        // The hidden input Monaco types into gets the form field's id, so the page's <label> names it.
        const input = ed.getDomNode()?.querySelector<HTMLElement>('textarea, .native-edit-context');
        if (input) input.id = props.inputId;
      }}
      loading={<p className="muted">Loading editor…</p>}
      options={{
        ariaLabel: props.ariaLabel,
        ...BASE_EDITOR_OPTIONS,
        tabSize: 2,
        fixedOverflowWidgets: true,
        lightbulb: { enabled: monaco.editor.ShowLightbulbIconMode.OnCode },
        // No list while typing words: outside a mustache the text is JSON, where Enter must start a new line.
        // Typing `{{`, `.`, `/` or `@` in a mustache opens it (trigger characters), Ctrl+Space anywhere.
        quickSuggestions: false,
        suggest: { showWords: false },
        wordBasedSuggestions: 'off',
      }}
    />
  );
});
