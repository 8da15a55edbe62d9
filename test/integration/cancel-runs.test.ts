/**
 * One registry of cancellable runs (issue 14): a test, a replay and a send started under a run id are all
 * stopped by the contract's one `delivery.cancel`, called over the browser-mode HTTP bridge while the request
 * sits at a receiver that does not answer. The cancelled run still comes back recorded as cancelled.
 */
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../shared/api/contract';
import { createApiClient } from '../../shared/api/client';
import type { Result } from '../../shared/api/result';
import type { Backend } from '../../electron/services/backend';
import { destroyAgents } from '../../electron/services/delivery/agents';
import { startWebServer, TOKEN_HEADER, type WebServer } from '../../electron/web/server';
import { startReceiver, type Receiver } from '../servers/receiver';
import { heldEndpoint, type HeldEndpoint } from '../support/held-endpoint';
import { backendTrusting } from '../support/receiver-suite';
import { tempDir } from '../support/temp-dir';
import { webhookInput } from '../support/webhook-fixtures';

let dir: { path: string; cleanup: () => Promise<void> };
let rx: Receiver;
let backend: Backend;
let server: WebServer;
/** The browser's client: JSON over the loopback bridge with the session token. */
let api: Api;
const held: HeldEndpoint[] = [];

beforeAll(async () => {
  [dir, rx] = await Promise.all([tempDir('hooksmith-cancel-'), startReceiver()]);
  backend = await backendTrusting(rx, { dataDir: join(dir.path, 'data') });
  server = await startWebServer({ api: backend.api, staticDir: dir.path, port: 0 });
  api = createApiClient(async (method, arg) => {
    const res = await fetch(`http://127.0.0.1:${server.port}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', [TOKEN_HEADER]: server.token }, body: JSON.stringify({ arg }) });
    return (await res.json()) as Result<unknown>;
  });
});
afterEach(() => {
  held.splice(0).forEach((h) => h.release());
});
afterAll(async () => {
  await server.close();
  destroyAgents();
  await rx.stop();
  await dir.cleanup();
});

/** A saved webhook whose endpoint holds every request until the test ends (after `answered` plain answers). */
async function webhookThatHangs(name: string, answered = 0): Promise<{ id: string; hold: HeldEndpoint }> {
  const path = `/${name}`;
  if (answered > 0) await rx.server.forPost(path).times(answered).thenReply(200, '{}');
  const hold = await heldEndpoint(rx.server, path);
  held.push(hold);
  const created = await api.webhooks.create({ input: webhookInput({ name, url: rx.url(path), triggers: ['RequestCreated'] }) });
  if (!created.ok) throw new Error(created.error.message);
  return { id: created.value.webhook.id, hold };
}

describe('delivery.cancel stops any run in flight, over the HTTP bridge', () => {
  it('cancels a replay by its runId: the replay comes back recorded as cancelled, linked to the original', async () => {
    const { id, hold } = await webhookThatHangs('ReplayHangs', 1);
    const original = await api.delivery.test({ webhookId: id, trigger: 'RequestCreated', runId: 'first-send' });
    expect(original).toMatchObject({ ok: true, value: { outcome: 'Success' } });
    const originalId = original.ok ? original.value.id : '';

    const replaying = api.history.replay({ id: originalId, mode: 'exact', runId: 'replay-1' });
    await hold.reached;
    expect(await api.delivery.cancel({ runId: 'replay-1' })).toEqual({ ok: true, value: { cancelled: true } });
    const replay = await replaying;
    expect(replay).toMatchObject({ ok: true, value: { replayOf: originalId, outcome: 'Failure', error: { errorClass: 'cancelled' } } });
    const kept = await api.history.get({ id: replay.ok ? replay.value.id : '' });
    expect(kept).toMatchObject({ ok: true, value: { replayOf: originalId, error: { errorClass: 'cancelled' } } });
    // Nothing is left running under that id.
    expect(await api.delivery.cancel({ runId: 'replay-1' })).toEqual({ ok: true, value: { cancelled: false } });
  });

  it('cancels a test by its runId', async () => {
    const { id, hold } = await webhookThatHangs('TestHangs');
    const testing = api.delivery.test({ webhookId: id, trigger: 'RequestCreated', runId: 'test-1' });
    await hold.reached;
    expect(await api.delivery.cancel({ runId: 'test-1' })).toEqual({ ok: true, value: { cancelled: true } });
    expect(await testing).toMatchObject({ ok: true, value: { outcome: 'Failure', error: { errorClass: 'cancelled' }, response: null } });
  });

  it('refuses a second run under an id already in flight, whichever kind it is, naming the runId field', async () => {
    const { id, hold } = await webhookThatHangs('SameId', 1);
    const first = await api.delivery.test({ webhookId: id, trigger: 'RequestCreated', runId: 'seed' });
    const originalId = first.ok ? first.value.id : '';
    const testing = api.delivery.test({ webhookId: id, trigger: 'RequestCreated', runId: 'shared-id' });
    await hold.reached;
    expect(await api.history.replay({ id: originalId, mode: 'exact', runId: 'shared-id' })).toMatchObject({ ok: false, error: { code: 'conflict', field: 'runId' } });
    await api.delivery.cancel({ runId: 'shared-id' });
    expect(await testing).toMatchObject({ ok: true, value: { error: { errorClass: 'cancelled' } } });
  });

  it('cancels a run whose cancel arrived first (the two calls can cross on the bridge): nothing is sent', async () => {
    const { id, hold } = await webhookThatHangs('Crossed');
    expect(await api.delivery.cancel({ runId: 'early' })).toEqual({ ok: true, value: { cancelled: false } });
    const r = await api.delivery.test({ webhookId: id, trigger: 'RequestCreated', runId: 'early' });
    expect(r).toMatchObject({ ok: true, value: { error: { errorClass: 'cancelled' } } });
    expect(await hold.endpoint.getSeenRequests()).toEqual([]);
  });
});
