/**
 * A JSON editor: read-only for the rendered preview, editable for sample payloads. An optional error
 * position is shown as a marker, so a broken body is pointed at, not just reported.
 */
import { useEffect } from 'react';
import Editor from '@monaco-editor/react';
import { BASE_EDITOR_OPTIONS } from './editor-options';
import { currentTheme, monaco } from './monaco';
import { useOwnedModel } from './owned-model';

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
  const { editorRef, attach } = useOwnedModel(props.value, props.onChange);
  const { error } = props;

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      OWNER,
      error ? [{ severity: monaco.MarkerSeverity.Error, message: error.message, startLineNumber: error.line, startColumn: error.column, endLineNumber: error.line, endColumn: error.column + 1 }] : [],
    );
  }, [error, props.value, editorRef]);

  return (
    <Editor
      height={props.height}
      language="json"
      path={`hooksmith://json/${props.path}`}
      theme={currentTheme()}
      // Uncontrolled, as the template editor: a `value` prop would overwrite a pasted or fast-typed sample.
      defaultValue={props.value}
      onMount={attach}
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
