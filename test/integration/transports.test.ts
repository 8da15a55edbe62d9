/**
 * Both transports over the real backend: the loopback HTTP bridge of browser mode and the IPC adapter of the
 * desktop app (driven through a stand-in for Electron's ipcMain, since Electron cannot run here).
 */
import { mkdir, readFile, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHOD_NAMES } from '../../shared/api/methods';
import { API_SCHEMAS } from '../../shared/api/api-schemas';
import { CHANNEL_PREFIX } from '../../shared/api/channels';
import { createApiClient } from '../../shared/api/client';
import type { Result } from '../../shared/api/result';
import { registerIpc, type IpcMainLike, type InvokeEventLike } from '../../electron/main/ipc-adapter';
import { createBackend, type Backend } from '../../electron/services/backend';
import { MemorySecretStore } from '../../electron/services/secrets/secret-store';
import { startWebServer, TOKEN_HEADER, type WebServer } from '../../electron/web/server';
import { httpCall } from '../support/http-call';
import { tempDir } from '../support/temp-dir';
import { webhookInput } from '../support/webhook-fixtures';

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
    const blocker = join(dataDir, '.hooksmith.json.tmp');
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

  it('exposes exactly the same method set as the HTTP bridge and the client', async () => {
    const { ipc, handlers } = fakeIpc();
    const { dispose } = registerIpc(ipc, backend.api, trusted);
    const ipcMethods = [...handlers.keys()].map((c) => c.slice(CHANNEL_PREFIX.length)).sort();

    const httpMethods: string[] = [];
    for (const name of API_METHOD_NAMES) {
      const r = json((await call(name, {})).body);
      if (r.ok || !/Unknown API method/.test(r.error.message)) httpMethods.push(name);
    }
    const client = createApiClient(async () => ({ ok: true, value: null }));
    const clientMethods = Object.entries(client).flatMap(([ns, methods]) => Object.keys(methods as object).map((m) => `${ns}.${m}`));
    const schemaMethods = Object.entries(API_SCHEMAS).flatMap(([ns, methods]) => Object.keys(methods).map((m) => `${ns}.${m}`));

    expect(ipcMethods.length).toBeGreaterThan(10);
    expect(httpMethods.sort()).toEqual(ipcMethods);
    expect(clientMethods.sort()).toEqual(ipcMethods);
    expect(schemaMethods.sort()).toEqual(ipcMethods);
    dispose();
    expect(handlers.size).toBe(0);
  });
});
