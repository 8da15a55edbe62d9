/** The look the JSON, template and diff editors share: no minimap, a compact gutter, wrapped lines, resizing with the page. */
import type { editor } from 'monaco-editor/editor';

export const BASE_EDITOR_OPTIONS = {
  minimap: { enabled: false },
  fontSize: 13,
  lineNumbersMinChars: 3,
  scrollBeyondLastLine: false,
  wordWrap: 'on',
  automaticLayout: true,
} as const satisfies editor.IEditorConstructionOptions;
