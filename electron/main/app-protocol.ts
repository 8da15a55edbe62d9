/**
 * Serves the built UI from `app://hooksmith/` instead of file://.
 *
 * file:// responses carry no headers, so the page and its workers could not get their Content Security
 * Policies (the page forbids eval; the template render workers need it and nothing else). A privileged
 * `app://` scheme answered by the same resolver as browser mode gives both modes identical headers.
 */
import { protocol } from 'electron';
import { join } from 'node:path';
import { resolveStatic } from '../web/static-files';

export { APP_ORIGIN } from './renderer-origin';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Answers `app://hooksmith/…` from out/renderer; any other host is refused. */
export function handleAppProtocol(): void {
  const root = join(__dirname, '..', 'renderer');
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'hooksmith') return new Response('Not found', { status: 404 });
    const r = await resolveStatic(root, url.pathname);
    return new Response(typeof r.body === 'string' ? r.body : new Uint8Array(r.body), { status: r.status, headers: r.headers });
  });
}
