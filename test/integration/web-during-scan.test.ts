/**
 * Issue 10, "The app must not freeze", in browser mode as users run it (`node out/main/web.js`, the backend on
 * its worker thread): while a text search reads the whole history, other API calls and the page itself are
 * answered, and the search is cancelled with `delivery.cancel({ runId })`.
 *
 * Ordering, not timing: each other call must come back before the search has ended, and the search must still
 * be running after all of them (it then ends `cancelled`, which only a search still in flight can). The search
 * parses every one of ~120 MB of records (see big-history.ts): about 1.5 s here, against ~15 ms for each other call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_HEADER } from '../../electron/web/server';
import type { Result } from '../../shared/api/result';
import { startWebApp, type WebApp } from '../e2e/harness';
import { BIG_HISTORY_RECORDS as RECORDS, SLOW_SEARCH_TERM as SLOW_TERM, writeBigHistory } from '../support/big-history';
import { httpCall } from '../support/http-call';
import { tempDir } from '../support/temp-dir';

let dir: { path: string; cleanup: () => Promise<void> };
let app: WebApp;

beforeAll(async () => {
  dir = await tempDir('hooksmith-scan-');
  await writeBigHistory(dir.path);
  app = await startWebApp(dir.path);
}, 120_000);
afterAll(async () => {
  await app?.stop();
  await dir?.cleanup();
});

const port = () => Number(new URL(app.url).port);
const token = () => new URL(app.url).searchParams.get('token') ?? '';
async function call(method: string, arg?: unknown): Promise<Result<unknown>> {
  const res = await httpCall(port(), `/api/${method}`, { method: 'POST', headers: { [TOKEN_HEADER]: token(), 'content-type': 'application/json' }, body: JSON.stringify({ arg }) });
  return JSON.parse(res.body) as Result<unknown>;
}

describe('browser mode while a search reads the whole history', () => {
  it('answers other calls and serves the page before the search ends, and the search is cancelled by its run id', async () => {
    expect(await call('history.list', { limit: 1 })).toMatchObject({ ok: true, value: { total: RECORDS } });
    let scanEnded = false;
    const scan = call('history.list', { text: SLOW_TERM, runId: 'full-scan' }).finally(() => (scanEnded = true));
    const answeredDuringScan: string[] = [];
    for (let round = 0; round < 3; round++) {
      expect(await call('app.info')).toMatchObject({ ok: true, value: { mode: 'web' } });
      expect(scanEnded).toBe(false);
      expect(await call('webhooks.list')).toMatchObject({ ok: true, value: [] });
      expect(scanEnded).toBe(false);
      expect(await call('history.list', { limit: 1 })).toMatchObject({ ok: true, value: { items: [{ id: `big-${RECORDS - 1}` }] } });
      expect(scanEnded).toBe(false);
      const page = await httpCall(port(), '/');
      expect(page.status).toBe(200);
      expect(page.body).toContain('<div id="root">');
      expect(scanEnded).toBe(false);
      answeredDuringScan.push(`round ${round}`);
    }
    expect(answeredDuringScan).toHaveLength(3);
    expect(await call('delivery.cancel', { runId: 'full-scan' })).toEqual({ ok: true, value: { cancelled: true } });
    expect(await scan).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    // The backend goes on: the same search, uncancelled, reads to the end and finds nothing.
    expect(await call('history.list', { text: SLOW_TERM, runId: 'again' })).toMatchObject({ ok: true, value: { total: 0, items: [] } });
  });
});
