/**
 * On POSIX the data folder is private: folders 0700, every file Hooksmith creates 0600 (data file, history
 * segments, index, lock, settings, secrets), and a folder an older version left open is narrowed on open.
 */
import { chmod, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/services/backend';
import { FileSecretStore } from '../../electron/services/secrets/file-secret-store';
import { nodeSecretStore } from '../../electron/platform/node-platform';
import { DATA_FILE_NAME } from '../../electron/services/storage/data-file';
import { captureCert } from '../../electron/services/capture/capture-cert';
import { CaptureStore } from '../../electron/services/capture/capture-store';
import { tempDir } from '../support/temp-dir';
import { webhookInput } from '../support/webhook-fixtures';

const posix = process.platform !== 'win32';
const open: Backend[] = [];
const dirs: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const b of open.splice(0)) b.history.store.close();
  for (const c of dirs.splice(0)) await c();
});

/** Every entry under `dir` (itself included) with its permission bits. */
async function modes(dir: string): Promise<Array<{ path: string; dir: boolean; mode: number }>> {
  const out = [{ path: dir, dir: true, mode: (await stat(dir)).mode & 0o777 }];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const path = join(e.parentPath, e.name);
    out.push({ path, dir: e.isDirectory(), mode: (await stat(path)).mode & 0o777 });
  }
  return out;
}

const loose = (entries: Awaited<ReturnType<typeof modes>>) => entries.filter((e) => e.mode !== (e.dir ? 0o700 : 0o600)).map((e) => `${e.path} ${e.mode.toString(8)}`);

describe.runIf(posix)('a private data folder', () => {
  it('folders 0700 and every file 0600 after saving, sending, history settings and stored secrets', async () => {
    const tmp = await tempDir();
    dirs.push(tmp.cleanup);
    const dataDir = join(tmp.path, 'home', 'data');
    const secrets = nodeSecretStore(dataDir, { HOOKSMITH_SECRET_KEY: 'k'.repeat(43) });
    expect(secrets).toBeInstanceOf(FileSecretStore);
    const b = await createBackend({ dataDir, secrets, mode: 'web', version: 'test', env: {} });
    open.push(b);
    const saved = await b.api.webhooks.create({ input: webhookInput({ name: 'Private', url: 'http://127.0.0.1:9/x', auth: { type: 'bearer', token: 'typed-secret-1234' } }) });
    if (!saved.ok) throw new Error(saved.error.message);
    // Port 9 refuses the connection: a record is still written to the history.
    const sent = await b.api.delivery.test({ webhookId: saved.value.webhook.id, trigger: 'RequestCreated', runId: 'p1' });
    expect(sent.ok).toBe(true);
    expect((await b.api.history.updateSettings({ retention: { maxRecords: 100 } })).ok).toBe(true);
    expect((await b.api.settings.update({ patch: { escapeMode: 'none' } })).ok).toBe(true);
    const entries = await modes(dataDir);
    expect(entries.filter((e) => !e.dir).length).toBeGreaterThanOrEqual(4);
    expect(entries.map((e) => e.path)).toContain(join(dataDir, 'secrets.json'));
    expect(loose(entries)).toEqual([]);
  });

  it('narrows a folder and files an older version left readable by others', async () => {
    const tmp = await tempDir();
    dirs.push(tmp.cleanup);
    const dataDir = join(tmp.path, 'data');
    await mkdir(join(dataDir, 'history'), { recursive: true, mode: 0o755 });
    await writeFile(join(dataDir, DATA_FILE_NAME), JSON.stringify({ schemaVersion: 1, webhooks: [] }), { mode: 0o644 });
    await writeFile(join(dataDir, 'history', 'seg-000001.jsonl'), '', { mode: 0o644 });
    const b = await createBackend({ dataDir, secrets: nodeSecretStore(dataDir, {}), mode: 'web', version: 'test', env: {} });
    open.push(b);
    const entries = await modes(dataDir);
    // The v1 file was migrated: its backup copy is private too.
    expect(entries.some((e) => /hooksmith\.v1-backup-/.test(e.path))).toBe(true);
    expect(loose(entries)).toEqual([]);
  });

  it('narrows captures/ and its TLS key and certificate when they were left readable by others', async () => {
    const tmp = await tempDir();
    dirs.push(tmp.cleanup);
    const dataDir = join(tmp.path, 'data');
    const store = new CaptureStore(dataDir);
    await captureCert(store.dir);
    // As a copy, a restore from a backup or an unzip with the default umask leaves them.
    await chmod(store.dir, 0o755);
    await chmod(join(store.dir, 'tls'), 0o755);
    for (const f of ['key.pem', 'cert.pem']) await chmod(join(store.dir, 'tls', f), 0o644);
    await store.ensureDir();
    await captureCert(store.dir);
    const entries = await modes(store.dir);
    expect(entries.map((e) => e.path)).toContain(join(store.dir, 'tls', 'key.pem'));
    expect(loose(entries)).toEqual([]);
  });
});
