/**
 * The receiver and its store on real sockets and real folders: bodies past the cap are cut and say so, binary
 * bodies are kept as base64, a capture that cannot be stored is answered 500 (not a false "captured"), and
 * retention drops the oldest past the count cap and those older than the history's age limit.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CAPTURE_MAX_COUNT, type CaptureRecord } from '../../../shared/capture/types';
import { httpCall } from '../../../test/support/http-call';
import { tempDir } from '../../../test/support/temp-dir';
import { createBackend } from '../backend';
import { MemorySecretStore } from '../secrets/secret-store';
import { startCaptureServer, type CaptureServer } from './capture-server';
import { CaptureStore, newCaptureId } from './capture-store';

let dir: { path: string; cleanup: () => Promise<void> };
let server: CaptureServer | undefined;
beforeEach(async () => {
  dir = await tempDir('hooksmith-receiver-');
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await dir.cleanup();
});

async function receiver(onRequest: (r: CaptureRecord) => Promise<void>, maxBodyBytes?: number) {
  server = await startCaptureServer({ onRequest, maxBodyBytes });
  return server;
}

describe('the capture receiver', () => {
  it('cuts a body past the cap, keeping its full size, and never cuts a character in half', async () => {
    const got: CaptureRecord[] = [];
    const s = await receiver(async (r) => void got.push(r), 10);
    const res = await httpCall(s.port, '/big', { method: 'POST', body: 'abcdefghi€tail' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ok: true, captured: got[0]!.id });
    expect(got[0]).toMatchObject({ path: '/big', truncated: true, size: Buffer.byteLength('abcdefghi€tail'), body: 'abcdefghi', bodyEncoding: 'utf8' });
  });

  it('keeps a body that is not UTF-8 as base64', async () => {
    const got: CaptureRecord[] = [];
    const s = await receiver(async (r) => void got.push(r));
    const res = await fetch(`${s.url}bin`, { method: 'PUT', body: new Uint8Array([0xff, 0xfe, 0x00, 0x01]) });
    expect(res.status).toBe(200);
    expect(got[0]).toMatchObject({ method: 'PUT', bodyEncoding: 'base64', body: Buffer.from([0xff, 0xfe, 0x00, 0x01]).toString('base64'), truncated: false, size: 4 });
  });

  it('answers 500 when the capture could not be stored', async () => {
    const s = await receiver(async () => {
      throw new Error('disk full');
    });
    const res = await httpCall(s.port, '/x', { method: 'POST', body: '{}' });
    expect(res.status).toBe(500);
    expect(JSON.parse(res.body)).toEqual({ ok: false, error: 'disk full' });
  });
});

describe('capture retention', () => {
  const record = (id: string): CaptureRecord => ({ id, receivedAt: new Date().toISOString(), method: 'POST', path: '/', query: '', headers: [], body: '', bodyEncoding: 'utf8', size: 0, truncated: false, tls: false });

  it(`keeps at most ${CAPTURE_MAX_COUNT} captures, dropping the oldest`, async () => {
    const store = new CaptureStore(dir.path);
    await store.ensureDir();
    const start = Date.now() - 60_000;
    const ids = Array.from({ length: CAPTURE_MAX_COUNT + 2 }, (_, i) => newCaptureId(start + i));
    // Written directly, then one save through the store applies retention.
    await Promise.all(ids.slice(0, -1).map((id) => writeFile(join(store.dir, `${id}.json`), JSON.stringify(record(id)))));
    await store.save(record(ids.at(-1)!));
    const left = (await readdir(store.dir)).filter((n) => n.endsWith('.json')).sort();
    expect(left).toHaveLength(CAPTURE_MAX_COUNT);
    expect(left[0]).toBe(`${ids[2]}.json`);
  });

  it('drops captures older than the history’s maxAgeDays', async () => {
    await mkdir(join(dir.path, 'history'), { recursive: true });
    await writeFile(join(dir.path, 'history', 'settings.json'), JSON.stringify({ retention: { maxAgeDays: 1 } }));
    const store = new CaptureStore(dir.path);
    const old = newCaptureId(Date.now() - 2 * 24 * 60 * 60 * 1000);
    const fresh = newCaptureId();
    await store.save(record(old));
    await store.save(record(fresh));
    expect((await store.list()).map((s) => s.id)).toEqual([fresh]);
    await expect(store.get(old)).rejects.toThrow(/No capture with id/);
  });
});

describe('the capture service', () => {
  it("masks a saved webhook's secret values wherever they arrive (body, query, any header), as the history does", async () => {
    const env = { CAPTURE_TEST_KEY: 'env-secret-3f9a1c' };
    const backend = await createBackend({ dataDir: dir.path, secrets: new MemorySecretStore(), mode: 'web', version: 'test', env });
    try {
      const definition = {
        schemaVersion: 1,
        webhooks: [
          {
            schemaVersion: 1, name: 'Keyed', active: true, method: 'POST', url: 'https://example.com/hook',
            headers: [{ key: 'X-Signature-Key', value: '${env:CAPTURE_TEST_KEY}', secret: true }],
            auth: { type: 'bearer', token: 'typed-secret-77b2e0' },
            bodyTemplate: '{}', triggers: ['RequestCreated'], filters: [], timeoutSeconds: null, responseValidators: [],
          },
        ],
      };
      const imported = await backend.api.webhooks.importDefinitions({ text: JSON.stringify(definition) });
      expect(imported.ok).toBe(true);
      const started = await backend.api.capture.start({});
      if (!started.ok || !started.value.port) throw new Error('the receiver did not start');
      const res = await httpCall(started.value.port, '/in?note=typed-secret-77b2e0', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-echo': 'env-secret-3f9a1c' },
        body: JSON.stringify({ key: 'env-secret-3f9a1c', token: 'typed-secret-77b2e0', kept: 'plain' }),
      });
      expect(res.status).toBe(200);
      const id = (JSON.parse(res.body) as { captured: string }).captured;
      const got = await backend.api.capture.get({ id });
      if (!got.ok) throw new Error(got.error.message);
      const onDisk = await readFile(join(dir.path, 'captures', `${id}.json`), 'utf8');
      for (const text of [JSON.stringify(got.value), onDisk]) {
        expect(text).not.toContain('env-secret-3f9a1c');
        expect(text).not.toContain('typed-secret-77b2e0');
        expect(text).toContain('plain');
      }
    } finally {
      await backend.capture.close();
      backend.history.store.close();
    }
  });

  it('starts one receiver for two quick starts, and stops it', async () => {
    const backend = await createBackend({ dataDir: dir.path, secrets: new MemorySecretStore(), mode: 'web', version: 'test', env: {} });
    try {
      const [a, b] = await Promise.all([backend.api.capture.start({}), backend.api.capture.start({})]);
      expect([a.ok, b.ok].sort()).toEqual([false, true]);
      expect(a.ok ? b : a).toMatchObject({ ok: false, error: { code: 'conflict' } });
      const status = await backend.api.capture.status();
      expect(status.ok && status.value.running).toBe(true);
      const stopped = await backend.api.capture.stop();
      expect(stopped.ok && stopped.value.running).toBe(false);
    } finally {
      await backend.capture.close();
      backend.history.store.close();
    }
  });
});
