/**
 * The backend on its worker thread (electron/host/backend-thread.ts), as Electron's main process and browser mode
 * run it: the built worker (`out/main/backend-worker.js`), relayed calls, secrets sealed on the calling thread,
 * a worker that dies mid-call (restarted, its calls answered), and a clean close that lets go of the folder.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBackendThread, type BackendThread, type BackendThreadOptions, type CrashKind } from '../../electron/host/backend-thread';
import { registerIpc, type IpcMainLike, type InvokeEventLike } from '../../electron/main/ipc-adapter';
import { createBackend } from '../../electron/services/backend';
import { AesGcmCipher } from '../../electron/services/secrets/file-secret-store';
import { MemorySecretStore } from '../../electron/services/secrets/secret-store';
import { myIdentity } from '../../electron/services/history/process-identity';
import { CHANNEL_PREFIX } from '../../shared/api/channels';
import type { Result } from '../../shared/api/result';
import { MASKED_SECRET } from '../../shared/model/webhook';
import { startReceiver, type Receiver } from '../servers/receiver';
import { builtFile } from '../support/built-output';
import { heldEndpoint } from '../support/held-endpoint';
import { tempDir } from '../support/temp-dir';
import { webhookInput } from '../support/webhook-fixtures';

let rx: Receiver;
let dir: { path: string; cleanup: () => Promise<void> };
let thread: BackendThread | undefined;
beforeAll(async () => (rx = await startReceiver()));
afterAll(() => rx.stop());
beforeEach(async () => (dir = await tempDir('hooksmith-thread-')));
afterEach(async () => {
  await thread?.close();
  thread = undefined;
  await rx.server.reset();
  await dir.cleanup();
});

/** A browser-mode thread over this test's folder, trusting the receiver, with the crash hook on. */
async function start(extra: Partial<BackendThreadOptions> = {}): Promise<BackendThread> {
  thread = await startBackendThread({
    workerFile: builtFile('out/main/backend-worker.js'),
    dataDir: dir.path,
    mode: 'web',
    version: 'test',
    env: {},
    secrets: { kind: 'memory', description: 'test memory' },
    deliveryOptions: { tls: { extraCaPem: [rx.caPem] }, proxy: { mode: 'none' } },
    testHooks: true,
    ...extra,
  });
  return thread;
}

const lockFile = () => join(dir.path, 'history', '.lock');

describe('the backend thread', () => {
  it('answers every contract call through the relayed Api, and lets go of the data folder on close', async () => {
    const t = await start();
    expect(await t.api.app.info()).toMatchObject({ ok: true, value: { mode: 'web', version: 'test', dataDir: dir.path } });
    const created = await t.api.webhooks.create({ input: webhookInput({ name: 'ThreadHook' }) });
    expect(created).toMatchObject({ ok: true, value: { webhook: { name: 'ThreadHook' } } });
    // Arguments are checked in the worker too: a bad one is a typed error, never a throw.
    expect(await t.api.webhooks.get({ id: 42 as unknown as string })).toMatchObject({ ok: false, error: { code: 'invalid-argument', field: 'id' } });
    expect(existsSync(lockFile())).toBe(true);
    await t.close();
    thread = undefined;
    // The history's lock is released: the next process (here an in-process backend) owns the folder and sees the data.
    expect(existsSync(lockFile())).toBe(false);
    const next = await createBackend({ dataDir: dir.path, secrets: new MemorySecretStore(), mode: 'web', version: 'test', env: {} });
    expect((await next.api.webhooks.list()).ok && (await next.api.webhooks.list())).toMatchObject({ value: [{ name: 'ThreadHook' }] });
    await next.close();
  });

  it('serves Electron\'s IPC adapter unchanged: each channel relays to the worker, the sender check still applies', async () => {
    const t = await start();
    const handlers = new Map<string, (event: InvokeEventLike, arg: unknown) => Promise<Result<unknown>>>();
    const ipc: IpcMainLike = { handle: (channel, listener) => void handlers.set(channel, listener), removeHandler: (channel) => void handlers.delete(channel) };
    registerIpc(ipc, t.api, (url) => url.startsWith('file:///app/'));
    const own = { senderFrame: { url: 'file:///app/index.html' } };
    expect(await handlers.get(`${CHANNEL_PREFIX}webhooks.create`)!(own, { input: webhookInput({ name: 'OverIpc' }) })).toMatchObject({ ok: true });
    expect(await handlers.get(`${CHANNEL_PREFIX}webhooks.list`)!(own, undefined)).toMatchObject({ ok: true, value: [{ name: 'OverIpc' }] });
    expect(await handlers.get(`${CHANNEL_PREFIX}webhooks.list`)!({ senderFrame: { url: 'https://evil.example/' } }, undefined)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  const deaths: Record<CrashKind, string> = { throw: 'an uncaught error', 'out-of-memory': 'out of memory', hang: 'a loop that never yields, ended by the watchdog', terminate: 'terminated from outside' };
  for (const how of ['throw', 'out-of-memory', 'hang', 'terminate'] as const) {
    it(`a worker that dies mid-call (${deaths[how]}) answers that call with backend-restarted and is started again, owning the history`, async () => {
      const restarts: string[] = [];
      // A heap limit the backend fits in with room to spare, so only the test's hoarding reaches it.
      const t = await start({
        onRestart: (why) => restarts.push(why),
        resourceLimits: how === 'out-of-memory' ? { maxOldGenerationSizeMb: 96 } : undefined,
        // A hang is detected after this long without an answer to the watchdog (60 s in the app).
        unresponsiveMs: how === 'hang' ? 3_000 : undefined,
      });
      const hold = await heldEndpoint(rx.server, '/hangs');
      await rx.server.forPost('/ok').thenReply(200, '{"ok":true}');
      try {
        const hanging = await t.api.webhooks.create({ input: webhookInput({ name: 'Hangs', url: rx.url('/hangs'), triggers: ['RequestCreated'] }) });
        const fine = await t.api.webhooks.create({ input: webhookInput({ name: 'Answers', url: rx.url('/ok'), triggers: ['RequestCreated'] }) });
        if (!hanging.ok || !fine.ok) throw new Error('setup failed');
        const inFlight = t.api.delivery.test({ webhookId: hanging.value.webhook.id, trigger: 'RequestCreated', runId: 'in-flight' });
        await hold.reached;
        await t.crash(how);
        const answered = await inFlight;
        expect(answered).toMatchObject({ ok: false, error: { code: 'backend-restarted' } });
        expect(!answered.ok && answered.error.message).toMatch(/^The backend stopped \(.+\) while answering delivery\.test; it has been restarted, so try again\. Saved data is kept\.$/);
        if (how === 'throw') expect(!answered.ok && answered.error.message).toContain('crash requested by a test');
        if (how === 'out-of-memory') expect(!answered.ok && answered.error.message).toMatch(/memory limit/i);
        if (how === 'hang') expect(!answered.ok && answered.error.message).toContain('it did not answer for 3 s and was ended');
        expect(t.restarts).toBe(1);
        expect(restarts).toEqual([expect.stringMatching(/^The backend stopped \(.+\)$/)]);
        // The new worker has the saved data and works: a send is recorded and listed.
        expect((await t.api.webhooks.list()).ok && (await t.api.webhooks.list())).toMatchObject({ value: [{ name: 'Answers' }, { name: 'Hangs' }] });
        const sent = await t.api.delivery.test({ webhookId: fine.value.webhook.id, trigger: 'RequestCreated', runId: 'after' });
        expect(sent).toMatchObject({ ok: true, value: { outcome: 'Success' } });
        expect(await t.api.history.list({ limit: 10 })).toMatchObject({ ok: true, value: { total: 1, items: [{ webhookName: 'Answers' }] } });
      } finally {
        hold.release();
      }
      // It owned the history (the dead worker's lock was taken back): closing releases the lock.
      await t.close();
      thread = undefined;
      expect(existsSync(lockFile())).toBe(false);
    });
  }

  it('a worker that dies while saving leaves no lock behind for its successor: the next save goes through', async () => {
    const t = await start();
    // What a worker killed between taking the data file's write lock and releasing it leaves (the lock names the
    // process, which lives on): without its release, every later save would wait it out and fail.
    await writeFile(join(dir.path, 'hooksmith.json.lock'), myIdentity());
    await t.crash('terminate');
    expect(await t.api.webhooks.create({ input: webhookInput({ name: 'AfterCrash' }) })).toMatchObject({ ok: true, value: { webhook: { name: 'AfterCrash' } } });
    expect(existsSync(join(dir.path, 'hooksmith.json.lock'))).toBe(false);
  });

  it('a restarted worker that dies before it is ready leaves no lock behind for the one the next call starts', async () => {
    // Stands in for the built worker: the first and third start it; the second (the restart after a crash) takes
    // the data file's write lock and the history's lock, as one dying mid-open would, and ends before it is ready.
    const starts = join(dir.path, '..', `${basename(dir.path)}-starts`);
    const wrapper = join(dir.path, '..', `${basename(dir.path)}-worker.js`);
    await writeFile(
      wrapper,
      `const fs = require('node:fs'), path = require('node:path'), { workerData } = require('node:worker_threads');
      const n = (fs.existsSync(${JSON.stringify(starts)}) ? Number(fs.readFileSync(${JSON.stringify(starts)}, 'utf8')) : 0) + 1;
      fs.writeFileSync(${JSON.stringify(starts)}, String(n));
      if (n !== 2) require(${JSON.stringify(builtFile('out/main/backend-worker.js'))});
      else {
        fs.writeFileSync(path.join(workerData.dataDir, 'hooksmith.json.lock'), ${JSON.stringify(myIdentity())});
        fs.writeFileSync(path.join(workerData.dataDir, 'history', '.lock'), ${JSON.stringify(myIdentity())});
        process.exit(1);
      }`,
    );
    try {
      const t = await start({ workerFile: wrapper });
      await t.crash('terminate');
      expect(await t.api.webhooks.create({ input: webhookInput({ name: 'AfterTwoDeaths' }) })).toMatchObject({ ok: true, value: { webhook: { name: 'AfterTwoDeaths' } } });
      expect(await readFile(starts, 'utf8')).toBe('3');
      // The third worker owns the history (its lock names this process again), and closing lets go of it.
      expect(await readFile(lockFile(), 'utf8')).toBe(myIdentity());
      await t.close();
      thread = undefined;
      expect(existsSync(lockFile())).toBe(false);
    } finally {
      await rm(starts, { force: true });
      await rm(wrapper, { force: true });
    }
  });

  it('a worker that dies on every start is started again three times, not forever, and calls then say why', async () => {
    // Stands in for the built worker: the real one, which throws (as a bug in a timer would) just after it is ready.
    const wrapper = join(dir.path, '..', `${basename(dir.path)}-dies.js`);
    await writeFile(
      wrapper,
      `const { parentPort } = require('node:worker_threads');
      const post = parentPort.postMessage.bind(parentPort);
      parentPort.postMessage = (m) => {
        post(m);
        if (m && m.type === 'ready') setTimeout(() => { throw new Error('dies on every start'); }, 20);
      };
      require(${JSON.stringify(builtFile('out/main/backend-worker.js'))});`,
    );
    try {
      const restarts: string[] = [];
      const t = await start({ workerFile: wrapper, onRestart: (why) => restarts.push(why) });
      let answer: Result<unknown> | undefined;
      // Each call waits for the worker of the moment; once no new one is started, the answer says so. Restarted
      // more than five times, it would go on forever.
      while (t.restarts <= 5) {
        answer = await t.api.webhooks.list();
        if (!answer.ok && /not started again/.test(answer.error.message)) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(answer).toMatchObject({ ok: false, error: { code: 'internal' } });
      expect(!answer!.ok && answer!.error.message).toMatch(
        /^The backend stopped 3 times in a row soon after starting \(the last time: .*dies on every start.*\); it was not started again\. Quit and open Hooksmith again; saved data is kept\.$/,
      );
      expect(t.restarts).toBe(2);
      expect(restarts).toHaveLength(2);
      // And stays so: no further start for later calls.
      expect(await t.api.app.info()).toEqual(answer);
      expect(t.restarts).toBe(2);
    } finally {
      await rm(wrapper, { force: true });
    }
  }, 60_000);

  it('keeps secrets sealed by the calling thread\'s cipher (as Electron\'s safeStorage), relayed to and from the worker', async () => {
    const aes = new AesGcmCipher('main-thread-key');
    const calls: string[] = [];
    const cipher = {
      description: 'sealed on the main thread',
      seal: (plain: string) => (calls.push('seal'), aes.seal(plain)),
      open: async (sealed: string) => (calls.push('open'), aes.open(sealed)),
    };
    const t = await start({ secrets: { kind: 'relay-cipher', description: cipher.description }, cipher });
    expect(await t.api.app.info()).toMatchObject({ ok: true, value: { secretStorage: 'sealed on the main thread', notices: [] } });
    const input = webhookInput({ name: 'WithSecret', headers: [{ key: 'X-Api-Key', value: 'sk-live-relayed', secret: true }] });
    const created = await t.api.webhooks.create({ input });
    if (!created.ok) throw new Error(created.error.message);
    expect(created.value.webhook.headers[0]!.value).toBe(MASKED_SECRET);
    expect(calls).toEqual(['seal']);
    const onDisk = await readFile(join(dir.path, 'secrets.json'), 'utf8');
    expect(onDisk).not.toContain('sk-live-relayed');
    // Only the main thread's key opens what the worker wrote.
    const [sealed] = Object.values(JSON.parse(onDisk) as Record<string, string>);
    expect(aes.open(sealed!)).toBe('sk-live-relayed');
    expect(await t.api.webhooks.revealSecret({ id: created.value.webhook.id, field: 'headers.0.value' })).toEqual({ ok: true, value: { value: 'sk-live-relayed' } });
    expect(calls).toEqual(['seal', 'open']);
  });

  it('a cipher that refuses reaches the user as the store\'s own error, naming the field', async () => {
    const cipher = {
      description: 'locked keychain',
      seal: async () => Promise.reject(new Error('The keychain is locked.')),
      open: async () => Promise.reject(new Error('The keychain is locked.')),
    };
    const t = await start({ secrets: { kind: 'relay-cipher', description: cipher.description }, cipher });
    const refused = await t.api.webhooks.create({ input: webhookInput({ name: 'Locked', headers: [{ key: 'X-Api-Key', value: 'sk', secret: true }] }) });
    expect(refused).toMatchObject({ ok: false, error: { field: 'headers.0.value' } });
    expect(!refused.ok && refused.error.message).toContain('The keychain is locked.');
  });

  it('a backend that cannot open (a data file from a newer Hooksmith) fails the start with that reason and changes nothing', async () => {
    const newer = JSON.stringify({ schemaVersion: 99, webhooks: [], future: true });
    await writeFile(join(dir.path, 'hooksmith.json'), newer);
    await expect(start()).rejects.toThrow(/newer Hooksmith.*Update Hooksmith/);
    expect(await readFile(join(dir.path, 'hooksmith.json'), 'utf8')).toBe(newer);
  });

  it('browser mode (web.js) says why it could not start when the backend cannot open, and exits 1', async () => {
    await writeFile(join(dir.path, 'hooksmith.json'), JSON.stringify({ schemaVersion: 99, webhooks: [] }));
    const failed = await promisify(execFile)(process.execPath, [builtFile('out/main/web.js'), '--home', dir.path]).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^Hooksmith could not start: .*newer Hooksmith.*Update Hooksmith/m);
  });
});
