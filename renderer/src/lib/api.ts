/**
 * The only module that reaches the backend: `window.hooksmith` (IPC via the preload) in the desktop app,
 * the loopback HTTP bridge in browser mode. Both are built from the same contract.
 */
import type { Api, ApiMethodName } from '../../../shared/api/contract';
import { createApiClient } from '../../../shared/api/client';
import { err, isAppError, type Result } from '../../../shared/api/result';

const TOKEN_KEY = 'hooksmith.token';

/** Takes the session token from the URL once, keeps it for reloads of this tab, and hides it from the address bar. */
function sessionToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function httpApi(): Api {
  const token = sessionToken();
  return createApiClient(async (method: ApiMethodName, arg: unknown): Promise<Result<unknown>> => {
    try {
      const res = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hooksmith-token': token },
        body: JSON.stringify({ arg }),
      });
      const body: unknown = await res.json().catch(() => undefined);
      if (typeof body === 'object' && body !== null && 'ok' in body) {
        const r = body as Result<unknown>;
        if (r.ok || isAppError(r.error)) return r;
      }
      return err('internal', `The Hooksmith server answered ${res.status} without a result.`);
    } catch (e) {
      return err('internal', `Cannot reach the Hooksmith server (${e instanceof Error ? e.message : String(e)}). Is \`npm run web\` still running?`);
    }
  });
}

export const api: Api = window.hooksmith ?? httpApi();
