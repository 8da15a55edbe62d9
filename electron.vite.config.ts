import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

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
    plugins: [react()],
    build: {
      chunkSizeWarningLimit: 8000,
      rolldownOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
