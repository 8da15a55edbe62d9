/**
 * The Electron main process: lifecycle only. The backend is the same `createBackend` that browser mode and
 * the CLI use; this file supplies Electron's data folder and keychain-backed secrets.
 */
import { app, BrowserWindow, dialog, ipcMain } from 'electron';
import { join } from 'node:path';
import { createBackend } from '../services/backend';
import { FileSecretStore } from '../services/secrets/file-secret-store';
import { MemorySecretStore } from '../services/secrets/secret-store';
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
  const secrets = (await SafeStorageCipher.available())
    ? new FileSecretStore(join(dataDir, 'secrets.json'), new SafeStorageCipher())
    : new MemorySecretStore(
        'Your system offers no keychain, so secrets are kept in memory for this session only.',
        'No system keychain is available: secrets you type are kept for this session only. Write them as ${env:NAME} to keep them.',
      );
  const backend = await createBackend({ dataDir, secrets, mode: 'electron', version: APP_VERSION, env: process.env });
  handleAppProtocol();
  registerIpc(ipcMain, backend.api, isAppUrl);
  createMainWindow();
  // Fsyncs the history (at once, before close() first waits), stops a capture receiver and hands the history's folder lock to whoever opens it next (the CLI, a later launch).
  app.on('will-quit', () => void backend.close());
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
