import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY_META } from './shared/security/csp';

/**
 * Puts the CSP into the built index.html as well: Electron's webRequest headers do not apply to file:// pages.
 * Only in builds, because the dev server injects an inline script for React Fast Refresh.
 */
function cspMeta(): Plugin {
  return {
    name: 'hooksmith-csp-meta',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY_META}" />`),
  };
}

// Entries are explicit because this project keeps electron/, renderer/ and shared/ at the top level
// instead of electron-vite's default src/ layout.
export default defineConfig({
  main: {
    build: {
      // lowdb is ESM-only; bundling it keeps the CJS main, web and CLI bundles loadable on Node 20.
      externalizeDeps: { exclude: ['lowdb', 'steno'] },
      lib: {
        entry: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          web: resolve(__dirname, 'electron/web/index.ts'),
          cli: resolve(__dirname, 'electron/cli/index.ts'),
          // The backend's worker thread (electron/host/backend-thread.ts finds it beside index.js and web.js).
          'backend-worker': resolve(__dirname, 'electron/host/backend-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      lib: { entry: { index: resolve(__dirname, 'electron/preload/index.ts') } },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react(), cspMeta()],
    build: {
      chunkSizeWarningLimit: 8000,
      rolldownOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
