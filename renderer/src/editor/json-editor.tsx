/**
 * A JSON editor: read-only for the rendered preview, editable for sample payloads. An optional error
 * position is shown as a marker, so a broken body is pointed at, not just reported.
 */
import { useEffect, useRef } from 'react';
import Editor from '@monaco-editor/react';
import type { editor } from 'monaco-editor/editor';
import { BASE_EDITOR_OPTIONS } from './editor-options';
import { currentTheme, monaco } from './monaco';

export interface JsonEditorProps {
  /** A unique model path, e.g. `preview.json`. */
  path: string;
  value: string;
  ariaLabel: string;
  height: number | string;
  readOnly?: boolean;
  onChange?(value: string): void;
  /** A 1-based error position in `value` to mark. */
  error?: { line: number; column: number; message: string };
}

const OWNER = 'hooksmith-json';

export function JsonEditor(props: JsonEditorProps) {
  const editorRef = useRef<editor.IStandaloneCodeEditor | null>(null);
  const { error } = props;

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      OWNER,
      error ? [{ severity: monaco.MarkerSeverity.Error, message: error.message, startLineNumber: error.line, startColumn: error.column, endLineNumber: error.line, endColumn: error.column + 1 }] : [],
    );
  }, [error, props.value]);

  return (
    <Editor
      height={props.height}
      language="json"
      path={`hooksmith://json/${props.path}`}
      theme={currentTheme()}
      value={props.value}
      onChange={(v) => props.onChange?.(v ?? '')}
      onMount={(ed) => {
        editorRef.current = ed;
      }}
      loading={<p className="muted">Loading editor…</p>}
      options={{
        ariaLabel: props.ariaLabel,
        readOnly: props.readOnly ?? false,
        domReadOnly: props.readOnly ?? false,
        ...BASE_EDITOR_OPTIONS,
        tabSize: 2,
        renderValidationDecorations: 'on',
      }}
    />
  );
}
