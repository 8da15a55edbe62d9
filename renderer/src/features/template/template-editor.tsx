/**
 * The body-template workbench on the Add/Edit Webhook page: the Monaco template editor, the payload schema
 * beside it, the live preview and "Does the JSON hold?".
 *
 * The preview renders ~100 ms after typing stops (rendering is fast, but the page should never re-render
 * the preview on every keystroke); the robustness check runs in a worker.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { RobustnessTarget } from '../../../../shared/template/robustness';
import type { FieldRow } from '../../../../shared/payload/field-schema';
import type { EventTypeStyle } from '../../../../shared/payload/request-event';
import { insertionFor } from '../../../../shared/template/editor-mapping';
import { TemplateCodeEditor, type TemplateEditorHandle } from '../../editor/lazy-editors';
import { PreviewPane } from './preview-pane';
import { RobustnessPanel } from './robustness-panel';
import { SchemaPanel } from './schema-panel';
import { usePreviewRender } from './use-preview-render';
import { useRobustness } from './use-robustness';
import { useSamples } from './use-samples';
import { useTemplateSettings } from './use-template-settings';
import './template.css';

const PREVIEW_DEBOUNCE_MS = 100;

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return debounced;
}

export interface TemplateEditorProps {
  /** The form field id: the page's `<label for>` points at the editor's input through it. */
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  /** The webhook's target contract, URL and headers: each sample's request is checked against it too. */
  target?: RobustnessTarget;
}

export function TemplateEditor(props: TemplateEditorProps) {
  const editor = useRef<TemplateEditorHandle>(null);
  const { settings, error: settingsError, change } = useTemplateSettings();
  const style: EventTypeStyle = settings.eventTypeStyle;
  const samples = useSamples(style);
  const [schemaOpen, setSchemaOpen] = useState(true);
  const text = useDebounced(props.value, PREVIEW_DEBOUNCE_MS);
  const result = usePreviewRender(text, samples.event, settings.escapeMode);
  const robustness = useRobustness(text, settings.escapeMode, style, samples.saved, props.target);
  // "Splunk would refuse this: …" marked in the template, where the refused value comes from (else line 1).
  const targetMarkers = useMemo(() => {
    if (robustness.status !== 'done' || !robustness.report.compiles) return [];
    const seen = new Set<string>();
    return robustness.report.findings
      .filter((f) => f.kind === 'target-refused')
      .map((f) => ({ line: f.template?.line ?? 1, column: f.template?.column ?? 1, message: f.message }))
      .filter((m) => !seen.has(m.message) && seen.add(m.message));
  }, [robustness]);

  const goTo = (line: number, column: number) => editor.current?.goTo(line, column);
  const pick = (row: FieldRow) => {
    const handle = editor.current;
    if (handle) handle.insertAtCursor(insertionFor(handle.textBeforeCursor(), row));
  };

  return (
    <div className="template-workbench" aria-describedby={props['aria-describedby']} data-invalid={props['aria-invalid'] || undefined}>
      <div className="tw-toolbar">
        <button type="button" className="link" aria-expanded={schemaOpen} aria-controls="tw-schema" onClick={() => setSchemaOpen(!schemaOpen)}>
          {schemaOpen ? 'Hide payload schema' : "View event's payload schema"}
        </button>
      </div>
      <div className={`tw-grid${schemaOpen ? ' with-schema' : ''}`}>
        {schemaOpen && (
          <div id="tw-schema" className="tw-col">
            <SchemaPanel onPick={pick} />
          </div>
        )}
        <div className="tw-col">
          <div className="tw-frame tw-template">
            <TemplateCodeEditor
              ref={editor}
              value={props.value}
              onChange={props.onChange}
              inputId={props.id}
              ariaLabel={props.label}
              escape={settings.escapeMode}
              targetMarkers={targetMarkers}
              height={420}
            />
          </div>
          <RobustnessPanel state={robustness} onGo={goTo} />
        </div>
        <div className="tw-col">
          <PreviewPane result={result} samples={samples} settings={settings} settingsError={settingsError} onSettings={change} onGo={goTo} />
        </div>
      </div>
    </div>
  );
}
