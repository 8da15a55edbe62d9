/**
 * The main window with Electron's security baseline: isolated, sandboxed, no Node in the page, a strict CSP,
 * no new windows and no navigation away from the app.
 */
import { BrowserWindow, dialog, nativeTheme, session, shell } from 'electron';
import { join } from 'node:path';
import { CONTENT_SECURITY_POLICY, isRenderWorkerPath, RENDER_WORKER_CONTENT_SECURITY_POLICY } from '../../shared/security/csp';
import { APP_ORIGIN } from './app-protocol';

/** Whether `url` is our own UI: the app:// bundle or, in `npm run dev`, the Vite dev server. */
export function isAppUrl(url: string): boolean {
  const dev = process.env.ELECTRON_RENDERER_URL;
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return false;
  }
  // Compare whole origins: a prefix test would let http://localhost:51730 pass for a dev server on :5173.
  if (dev && origin === new URL(dev).origin) return true;
  return url.startsWith(`${APP_ORIGIN}/`);
}

export function createMainWindow(): BrowserWindow {
  const dev = process.env.ELECTRON_RENDERER_URL;
  if (dev) {
    // The built app gets its headers from the app:// handler; the dev server's responses get them here.
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      const policy = isRenderWorkerPath(new URL(details.url).pathname) ? RENDER_WORKER_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY;
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
    });
  }
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));

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
