// Lint keeps the three zones apart (shared / electron / renderer) and the IPC and Monaco seams single.
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

// Bare built-in names go in `paths` (exact module names): as gitignore-style `patterns` they would also match
// our own folders, such as shared/util.
const NODE_MESSAGE = 'Node APIs belong in electron/ (services), not here.';
const NODE_BUILTINS = ['fs', 'fs/promises', 'path', 'os', 'crypto', 'http', 'https', 'net', 'tls', 'child_process', 'url', 'util', 'stream', 'events', 'zlib', 'dns', 'worker_threads'];
const nodePaths = NODE_BUILTINS.map((name) => ({ name, message: NODE_MESSAGE }));
const nodePatterns = [{ group: ['node:*'], message: NODE_MESSAGE }];
const electronPattern = { group: ['electron', 'electron/*'], message: 'Only electron/main and electron/preload adapters may import electron.' };
const rendererBackendPattern = { group: ['**/electron/**'], message: 'The renderer reaches the backend only through src/lib/api.ts.' };
const monacoPattern = {
  group: ['monaco-editor', 'monaco-editor/*', '@monaco-editor/*'],
  message: 'Only renderer/src/editor/** imports Monaco (offline setup, slim build, workers): use its components.',
};

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'dist/**', 'coverage/**', 'bin/**', 'scripts/**', '*.config.*', 'eslint.config.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'max-lines': ['error', { max: 800, skipBlankLines: true, skipComments: true }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='ipcRenderer'], MemberExpression[object.name='ipcMain']",
          message: 'Only electron/main/ipc-adapter.ts and electron/preload/index.ts touch IPC.',
        },
      ],
    },
  },
  {
    files: ['**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', 'test/**'],
    rules: { 'max-lines': ['warn', { max: 400, skipBlankLines: true, skipComments: true }] },
  },
  {
    // shared/: pure TypeScript for both sides. No Node, no DOM globals, no Electron, no other zone.
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: nodePaths, patterns: [...nodePatterns, electronPattern, monacoPattern, { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ imports nothing from electron/ or renderer/.' }] },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'fetch', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    // renderer/: the UI. No Node, no Electron; the backend only through src/lib/api.ts.
    files: ['renderer/**/*.{ts,tsx}'],
    // A hook after an early return crashes a page only once its data loads (it happened): lint catches it.
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'no-restricted-imports': ['error', { paths: nodePaths, patterns: [...nodePatterns, electronPattern, monacoPattern, rendererBackendPattern] }],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname'],
      'react-hooks/rules-of-hooks': 'error',
    },
  },
  {
    // renderer/src/editor/: the single Monaco seam.
    files: ['renderer/src/editor/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...nodePatterns, electronPattern, rendererBackendPattern] }] },
  },
  {
    // electron/services, web, cli, platform: run under plain Node too, so no electron import.
    files: ['electron/services/**/*.ts', 'electron/web/**/*.ts', 'electron/cli/**/*.ts', 'electron/platform/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [electronPattern, monacoPattern, { group: ['**/renderer/**'], message: 'The backend never imports the UI.' }] }] },
  },
  {
    // CLI commands: the backend only through the contract (CliBackend, electron/cli/cli-api.ts), as the UI does,
    // so their arguments get the app's validation and their errors its Result shapes.
    files: ['electron/cli/commands/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            electronPattern,
            monacoPattern,
            { group: ['**/renderer/**'], message: 'The backend never imports the UI.' },
            { group: ['**/services/**'], message: 'A CLI command reaches the backend only through the contract: take a CliBackend (../cli-api) and call backend.api.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/ipc-adapter.ts', 'electron/preload/index.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
