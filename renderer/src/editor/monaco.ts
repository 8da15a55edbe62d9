/**
 * The only module that imports monaco-editor, fully offline.
 *
 * The slim entry (`monaco-editor/editor`) plus the editor features, the Handlebars basic language
 * (highlighting only: its HTML language service would offer HTML tags in a JSON template) and JSON (the
 * preview and sample editors). Workers are bundled by Vite (`?worker`) and mapped by label; the full
 * `monaco-editor` import would add the TypeScript worker alone (11.6 MB) for nothing. @monaco-editor/react
 * is pointed at this instance so it never loads Monaco from its default CDN.
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/handlebars/register';
import 'monaco-editor/languages/features/json/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker?worker';
import { loader } from '@monaco-editor/react';

type MonacoEnvironmentHost = { MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker } };

(self as unknown as MonacoEnvironmentHost).MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    // Every label a loaded language asks for must be mapped here, or Monaco logs "Missing requestHandler".
    if (label === 'json') return new JsonWorker();
    return new EditorWorker();
  },
};

// The loader's types name the full `monaco-editor` API; the slim entry has the same runtime shape for what
// @monaco-editor/react uses (editor, languages, Uri).
loader.config({ monaco: monaco as unknown as NonNullable<Parameters<typeof loader.config>[0]['monaco']> });

/** Theme names; Monaco's theme is global to the page, so every editor follows the same one. */
export const LIGHT_THEME = 'hooksmith-light';
export const DARK_THEME = 'hooksmith-dark';

// Backgrounds match theme.css (--bg) so the editors sit in the page instead of on a white or black slab.
monaco.editor.defineTheme(LIGHT_THEME, {
  base: 'vs',
  inherit: true,
  rules: [],
  colors: { 'editor.background': '#ffffff', 'editorGutter.background': '#f5f6f8', 'editorLineNumber.foreground': '#8a93a6' },
});
monaco.editor.defineTheme(DARK_THEME, {
  base: 'vs-dark',
  inherit: true,
  rules: [],
  colors: { 'editor.background': '#1b1e24', 'editorGutter.background': '#242830', 'editorLineNumber.foreground': '#6b7385' },
});

const darkQuery = window.matchMedia('(prefers-color-scheme: dark)');

/** The Monaco theme for the OS colour scheme right now. */
export function currentTheme(): string {
  return darkQuery.matches ? DARK_THEME : LIGHT_THEME;
}

darkQuery.addEventListener('change', () => monaco.editor.setTheme(currentTheme()));

export { monaco };
export type Monaco = typeof monaco;
