/**
 * Both transports over the real backend: the loopback HTTP bridge of browser mode and the IPC adapter of the
 * desktop app (driven through a stand-in for Electron's ipcMain, since Electron cannot run here).
 */
import { mkdir, readFile, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../shared/api/contract';
import { CHANNEL_PREFIX, channelFor } from '../../shared/api/channels';
import { createApiClient } from '../../shared/api/client';
import type { Result } from '../../shared/api/result';
import { registerIpc, type IpcMainLike, type InvokeEventLike } from '../../electron/main/ipc-adapter';
import { createBackend, type Backend } from '../../electron/services/backend';
import { MemorySecretStore } from '../../electron/services/secrets/secret-store';
import { startWebServer, TOKEN_HEADER, type WebServer } from '../../electron/web/server';
import { httpCall } from '../support/http-call';
import { tempDir } from '../support/temp-dir';
import { webhookInput } from '../support/webhook-fixtures';
import { tempPathFor } from '../../electron/services/storage/atomic-file';

let dir: { path: string; cleanup: () => Promise<void> };
let backend: Backend;
let server: WebServer;

beforeAll(async () => {
  dir = await tempDir();
  backend = await createBackend({ dataDir: join(dir.path, 'data'), secrets: new MemorySecretStore(), mode: 'web', version: 'test', env: {} });
  const staticDir = join(dir.path, 'static');
  await mkdir(join(staticDir, 'assets'), { recursive: true });
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Hooksmith</title>');
  await writeFile(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(dir.path, 'outside.txt'), 'must not be served');
  server = await startWebServer({ api: backend.api, staticDir, port: 0 });
});
afterAll(async () => {
  await server.close();
  await dir.cleanup();
});

const host = () => `127.0.0.1:${server.port}`;
function call(method: string, arg: unknown, headers: Record<string, string> = {}) {
  return httpCall(server.port, `/api/${method}`, {
    method: 'POST',
    headers: { host: host(), 'content-type': 'application/json', [TOKEN_HEADER]: server.token, ...headers },
    body: JSON.stringify({ arg }),
  });
}
const json = (body: string) => JSON.parse(body) as Result<unknown>;

describe('browser-mode HTTP bridge', () => {
  it('prints a loopback URL carrying the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
  });

  it('serves contract calls with the token', async () => {
    const res = await call('webhooks.create', { input: webhookInput({ name: 'ViaHttp' }) });
    expect(res.status).toBe(200);
    const listed = json((await call('webhooks.list', undefined)).body);
    expect(listed.ok && (listed.value as { name: string }[]).map((w) => w.name)).toContain('ViaHttp');
  });

  it('refuses calls without the token or with a wrong one', async () => {
    const missing = await call('webhooks.list', undefined, { [TOKEN_HEADER]: '' });
    expect(missing.status).toBe(401);
    expect(json(missing.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const wrong = await call('webhooks.list', undefined, { [TOKEN_HEADER]: server.token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) });
    expect(wrong.status).toBe(401);
  });

  it('refuses a foreign Host (DNS rebinding), even with the right token', async () => {
    const res = await call('webhooks.list', undefined, { host: `attacker.example:${server.port}` });
    expect(res.status).toBe(421);
    expect(json(res.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const page = await httpCall(server.port, '/', { headers: { host: 'attacker.example' } });
    expect(page.status).toBe(421);
  });

  it('refuses a foreign Origin (cross-site requests) and accepts its own', async () => {
    const foreign = await call('webhooks.list', undefined, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const nullOrigin = await call('webhooks.list', undefined, { origin: 'null' });
    expect(nullOrigin.status).toBe(403);
    const own = await call('webhooks.list', undefined, { origin: `http://${host()}` });
    expect(own.status).toBe(200);
  });

  it('refuses non-JSON bodies, so a plain cross-site form post can never reach a method', async () => {
    const res = await call('webhooks.list', undefined, { 'content-type': 'text/plain' });
    expect(res.status).toBe(415);
  });

  it('returns typed errors for unknown methods and malformed arguments', async () => {
    expect(json((await call('webhooks.__proto__', undefined)).body)).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(json((await call('constructor', undefined)).body)).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    const bad = json((await call('webhooks.setActive', { id: 'x', active: 'yes' })).body);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-argument', field: 'active' } });
  });

  it('answers storage-unwritable, naming the folder and the fix, when the data folder refuses a write; nothing changes', async () => {
    const created = json((await call('webhooks.create', { input: webhookInput({ name: 'Frozen' }) })).body);
    const id = created.ok ? (created.value as { webhook: { id: string } }).webhook.id : '';
    const dataDir = join(dir.path, 'data');
    const before = await readFile(join(dataDir, 'hooksmith.json'), 'utf8');
    // A folder where the temp file goes: the write fails for root too (EISDIR), as a read-only folder fails (EACCES).
    const blocker = tempPathFor(join(dataDir, 'hooksmith.json'));
    await mkdir(blocker);
    try {
      for (const [method, arg] of [['webhooks.setActive', { id, active: false }], ['settings.update', { patch: { escapeMode: 'none' } }]] as const) {
        const r = json((await call(method, arg)).body);
        expect(r).toEqual({ ok: false, error: { code: 'storage-unwritable', message: expect.stringMatching(new RegExp(`^Could not save your webhooks and settings: ${dataDir} cannot be written \\(EISDIR: .*\\)\\. Nothing was changed\\. Fix: make ${dataDir} writable .*--home DIR or HOOKSMITH_HOME`)) } });
      }
    } finally {
      await rmdir(blocker);
    }
    expect(await readFile(join(dataDir, 'hooksmith.json'), 'utf8')).toBe(before);
  });

  it('serves the UI with a strict CSP and nothing outside its folder', async () => {
    const page = await httpCall(server.port, '/', { headers: { host: host() } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await httpCall(server.port, '/assets/app.js', { headers: { host: host() } })).status).toBe(200);
    for (const path of ['/../outside.txt', '/%2e%2e/outside.txt', '/assets/..%2f..%2foutside.txt']) {
      const res = await httpCall(server.port, path, { headers: { host: host() } });
      expect(res.body).not.toContain('must not be served');
    }
  });
});

describe('Electron IPC adapter', () => {
  function fakeIpc() {
    const handlers = new Map<string, (event: InvokeEventLike, arg: unknown) => Promise<Result<unknown>>>();
    const ipc: IpcMainLike = {
      handle: (channel, listener) => void handlers.set(channel, listener),
      removeHandler: (channel) => void handlers.delete(channel),
    };
    return { ipc, handlers };
  }
  const trusted = (url: string) => url.startsWith('file:///app/');

  it('answers only frames showing our own UI, and validates arguments', async () => {
    const { ipc, handlers } = fakeIpc();
    registerIpc(ipc, backend.api, trusted);
    const list = handlers.get(`${CHANNEL_PREFIX}webhooks.list`)!;
    expect(await list({ senderFrame: { url: 'https://evil.example/' } }, undefined)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await list({ senderFrame: null }, undefined)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await list({ senderFrame: { url: 'file:///app/index.html' } }, undefined)).ok).toBe(true);
    const get = handlers.get(`${CHANNEL_PREFIX}webhooks.get`)!;
    expect(await get({ senderFrame: { url: 'file:///app/index.html' } }, { id: 42 })).toMatchObject({ ok: false, error: { code: 'invalid-argument', field: 'id' } });
  });

  it('registers one channel per contract method and removes them all on dispose', () => {
    const { ipc, handlers } = fakeIpc();
    const { channels, dispose } = registerIpc(ipc, backend.api, trusted);
    expect([...handlers.keys()].sort()).toEqual([...channels].sort());
    dispose();
    expect(handlers.size).toBe(0);
  });
});

/**
 * The same typed client (`createApiClient`, as the preload and the browser build it) over each transport, calling
 * a sample of methods end to end against the real backend: what one transport writes the other reads back, and
 * both give the same values and the same typed errors.
 */
describe('one client over both transports, end to end', () => {
  /** The preload's client: arguments and results cross as IPC does, by structured clone. */
  function ipcClient(): Api {
    const handlers = new Map<string, (event: InvokeEventLike, arg: unknown) => Promise<Result<unknown>>>();
    registerIpc({ handle: (c, l) => void handlers.set(c, l), removeHandler: (c) => void handlers.delete(c) }, backend.api, (url) => url.startsWith('file:///app/'));
    const frame = { senderFrame: { url: 'file:///app/index.html' } };
    return createApiClient(async (method, arg) => structuredClone(await handlers.get(channelFor(method))!(frame, structuredClone(arg))));
  }
  /** Browser mode's client: JSON over the loopback bridge with the session token, as renderer/src/lib/api.ts sends it. */
  function httpClient(): Api {
    return createApiClient(async (method, arg) => {
      const res = await fetch(`http://${host()}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', [TOKEN_HEADER]: server.token }, body: JSON.stringify({ arg }) });
      return (await res.json()) as Result<unknown>;
    });
  }
  const valueOf = <T>(r: Result<T>): T => {
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value;
  };

  it('creates over IPC and reads, updates and deletes over HTTP (and back)', async () => {
    const [ipcApi, httpApi] = [ipcClient(), httpClient()];
    const created = valueOf(await ipcApi.webhooks.create({ input: webhookInput({ name: 'BothWays', url: 'https://hooks.example.com/both' }) }));
    expect(created.webhook).toMatchObject({ name: 'BothWays', url: 'https://hooks.example.com/both' });
    const id = created.webhook.id;

    const overHttp = valueOf(await httpApi.webhooks.get({ id }));
    expect(overHttp).toEqual(valueOf(await ipcApi.webhooks.get({ id })));
    expect(overHttp).toEqual(created.webhook);
    expect(valueOf(await httpApi.webhooks.list()).map((w) => w.name)).toContain('BothWays');

    const inactive = valueOf(await httpApi.webhooks.setActive({ id, active: false }));
    expect(inactive.active).toBe(false);
    expect(valueOf(await ipcApi.webhooks.get({ id })).active).toBe(false);

    expect(valueOf(await httpApi.webhooks.remove({ id }))).toEqual({ id });
    for (const api of [ipcApi, httpApi]) expect(await api.webhooks.get({ id })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('changes a setting over HTTP that IPC reads, and saves a sample over IPC that HTTP lists', async () => {
    const [ipcApi, httpApi] = [ipcClient(), httpClient()];
    const before = valueOf(await ipcApi.settings.get());
    const flipped = before.escapeMode === 'html' ? 'none' : 'html';
    expect(valueOf(await httpApi.settings.update({ patch: { escapeMode: flipped } })).escapeMode).toBe(flipped);
    expect(valueOf(await ipcApi.settings.get()).escapeMode).toBe(flipped);
    valueOf(await httpApi.settings.update({ patch: { escapeMode: before.escapeMode } }));

    const saved = valueOf(await ipcApi.samples.save({ name: 'Both transports', event: { data: { id: 7 } } }));
    expect(valueOf(await httpApi.samples.list())).toContainEqual(saved);
  });

  it('renders the same bodies over both, and refuses the same bad argument with the same typed error', async () => {
    const items = [{ template: '{"id": {{data.id}} }', event: { data: { id: 42 } } }];
    const [overIpc, overHttp] = await Promise.all([ipcClient().simulator.renderBodies({ items }), httpClient().simulator.renderBodies({ items })]);
    expect(valueOf(overIpc)[0], JSON.stringify(overIpc)).toMatchObject({ body: '{"id": 42 }', json: true });
    expect(overHttp).toEqual(overIpc);

    const bad = { id: 'x', active: 'yes' } as unknown as { id: string; active: boolean };
    const [ipcErr, httpErr] = await Promise.all([ipcClient().webhooks.setActive(bad), httpClient().webhooks.setActive(bad)]);
    expect(ipcErr).toMatchObject({ ok: false, error: { code: 'invalid-argument', field: 'active' } });
    expect(httpErr).toEqual(ipcErr);
  });
});
