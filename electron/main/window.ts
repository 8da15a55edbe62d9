/**
 * The main window with Electron's security baseline: isolated, sandboxed, no Node in the page, a strict CSP,
 * no permissions, no new windows and no navigation or redirect away from the app.
 */
import { app, BrowserWindow, dialog, nativeTheme, session, shell } from 'electron';
import { join } from 'node:path';
import { CONTENT_SECURITY_POLICY, workerContentSecurityPolicy } from '../../shared/security/csp';
import { APP_ORIGIN, devRendererUrl, isAppUrlFor } from './renderer-origin';

/** The Vite dev server in `npm run dev`; never in a packaged app (see renderer-origin.ts). */
function devUrl(): string | undefined {
  return devRendererUrl(process.env, app.isPackaged);
}

/** Whether `url` is our own UI: the app:// bundle or, in an unpackaged `npm run dev`, the Vite dev server. */
export function isAppUrl(url: string): boolean {
  return isAppUrlFor(url, devUrl());
}

export function createMainWindow(): BrowserWindow {
  const dev = devUrl();
  if (dev) {
    // The built app gets its headers from the app:// handler; the dev server's responses get them here.
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      const policy = workerContentSecurityPolicy(new URL(details.url).pathname) ?? CONTENT_SECURITY_POLICY;
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
    });
  }
  // No camera, microphone, notifications, clipboard-read…: requests are refused and checks answer "denied"
  // (https://www.electronjs.org/docs/latest/tutorial/security#5-handle-session-permission-requests-from-remote-content).
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  const win = new BrowserWindow({
    width: 1280,
    height: 840,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Hooksmith',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1e1e1e' : '#ffffff',
    webPreferences: {
      preload: join(__dirname, '..', 'preload', 'index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  // Links to documentation open in the user's browser; the app window itself never leaves the app.
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  // A server redirect is a navigation too, and 'will-navigate' does not see it.
  win.webContents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  // A page with unsaved changes cancels its unload (beforeunload); Electron then does nothing at all unless we
  // ask, so the close button, Ctrl+W and reload would seem broken. Ask, as a browser does.
  win.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(win, {
      type: 'question',
      buttons: ['Leave', 'Stay'],
      defaultId: 1,
      cancelId: 1,
      title: 'Unsaved changes',
      message: 'You have unsaved changes.',
      detail: 'Leave and lose them, or stay and save them first.',
    });
    // preventDefault here ignores the page's objection: the window closes or reloads.
    if (choice === 0) event.preventDefault();
  });
  void win.loadURL(dev ?? `${APP_ORIGIN}/index.html`);
  return win;
}
