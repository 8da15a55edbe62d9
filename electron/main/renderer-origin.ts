/**
 * Which URL the desktop app loads and trusts, kept free of `electron` so it can be tested in Node.
 *
 * `ELECTRON_RENDERER_URL` points the window at Vite's dev server during `npm run dev`. A packaged app must
 * ignore it: otherwise anyone who can set an environment variable for the user would have the app load their
 * page, trust its origin for IPC (every API method, secrets included) and drop the app's CSP.
 */
/** The origin the built UI is served from (see app-protocol.ts). */
export const APP_ORIGIN = 'app://hooksmith';

/** The dev server's URL, for unpackaged builds only; undefined when packaged, unset or not an http(s) URL. */
export function devRendererUrl(env: Readonly<Record<string, string | undefined>>, isPackaged: boolean): string | undefined {
  if (isPackaged) return undefined;
  const raw = env.ELECTRON_RENDERER_URL;
  if (!raw) return undefined;
  try {
    const u = new URL(raw);
    return u.protocol === 'http:' || u.protocol === 'https:' ? raw : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `url` is our own UI: the app:// bundle or, with a dev server (see {@link devRendererUrl}), that server. */
export function isAppUrlFor(url: string, devUrl: string | undefined): boolean {
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return false;
  }
  // Compare whole origins: a prefix test would let http://localhost:51730 pass for a dev server on :5173.
  if (devUrl !== undefined && origin === new URL(devUrl).origin) return true;
  return url.startsWith(`${APP_ORIGIN}/`);
}
