/**
 * The Electron main process: lifecycle only. The backend is the same `createBackend` that browser mode and
 * the CLI use, run on its own worker thread (electron/host/backend-thread.ts) so that nothing it does (a
 * synchronous index load, a long history scan) can freeze the window; this thread relays IPC calls to it.
 * This file supplies Electron's data folder and keychain-backed secrets.
 */
import { app, BrowserWindow, dialog, ipcMain } from 'electron';
import { startBackendThread } from '../host/backend-thread';
import type { SecretsPlan } from '../host/thread-protocol';
import { APP_VERSION } from '../version';
import { handleAppProtocol, registerAppScheme } from './app-protocol';
import { registerIpc } from './ipc-adapter';
import { SafeStorageCipher } from './safe-storage-cipher';
import { createMainWindow, isAppUrl } from './window';

if (!app.requestSingleInstanceLock()) app.quit();
registerAppScheme();

app.on('second-instance', () => {
  const win = BrowserWindow.getAllWindows()[0];
  if (win) {
    if (win.isMinimized()) win.restore();
    win.focus();
  }
});

app.on('web-contents-created', (_event, contents) => {
  // No webviews, whatever a page might try.
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

app.whenReady().then(async () => {
  const dataDir = app.getPath('userData');
  // safeStorage lives only in this process: the worker keeps secrets.json and relays each seal/open here.
  const cipher = (await SafeStorageCipher.available()) ? new SafeStorageCipher() : undefined;
  const secrets: SecretsPlan = cipher
    ? { kind: 'relay-cipher', description: cipher.description }
    : {
        kind: 'memory',
        description: 'Your system offers no keychain, so secrets are kept in memory for this session only.',
        notice: 'No system keychain is available: secrets you type are kept for this session only. Write them as ${env:NAME} to keep them.',
      };
  const backend = await startBackendThread({
    dataDir,
    secrets,
    cipher,
    mode: 'electron',
    version: APP_VERSION,
    env: { ...process.env },
    onRestart: (why) => console.error(`${why}; it was started again.`),
  });
  handleAppProtocol();
  registerIpc(ipcMain, backend.api, isAppUrl);
  createMainWindow();
  // Quitting waits for the backend to fsync the history, stop a capture receiver and hand the history's folder
  // lock to whoever opens it next (the CLI, a later launch); then exits. app.exit() emits no second will-quit,
  // and the flag guards a quit asked again meanwhile.
  let closing = false;
  app.on('will-quit', (event) => {
    event.preventDefault();
    if (closing) return;
    closing = true;
    void backend.close().finally(() => app.exit(0));
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
  });
}).catch((e: unknown) => {
  // E.g. a data file from a newer Hooksmith, left untouched: the user must see why, not a silent exit.
  dialog.showErrorBox('Hooksmith could not start', e instanceof Error ? e.message : String(e));
  app.exit(1);
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
