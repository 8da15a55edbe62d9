import { spawnSync } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/temp-dir';
import { AesGcmCipher, FileSecretStore } from './file-secret-store';

let dir: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => (dir = await tempDir()));
afterEach(() => dir.cleanup());

const file = () => join(dir.path, 'secrets.json');

describe('FileSecretStore with AES-GCM', () => {
  it('keeps only ciphertext on disk and reads it back with the same key', async () => {
    const store = new FileSecretStore(file(), new AesGcmCipher('key-one'));
    await store.set('secret:a', 'sk-live-very-secret');
    expect(await readFile(file(), 'utf8')).not.toContain('sk-live-very-secret');
    expect(await new FileSecretStore(file(), new AesGcmCipher('key-one')).get('secret:a')).toBe('sk-live-very-secret');
  });

  it('says so when the key differs, instead of returning garbage', async () => {
    await new FileSecretStore(file(), new AesGcmCipher('key-one')).set('secret:a', 'x');
    await expect(new FileSecretStore(file(), new AesGcmCipher('key-two')).get('secret:a')).rejects.toThrow(/HOOKSMITH_SECRET_KEY differs/);
  });

  it('removes the temp files of killed writers (a secret deleted since must not linger there), and only theirs', async () => {
    const store = new FileSecretStore(file(), new AesGcmCipher('k'));
    await store.set('secret:old', 'rotated-away');
    const sealed = await readFile(file(), 'utf8');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    await writeFile(join(dir.path, `.secrets.json.${dead}.tmp`), sealed);
    const live = `.secrets.json.${process.ppid}.tmp`;
    await writeFile(join(dir.path, live), '{}');
    await store.delete('secret:old');
    expect((await readdir(dir.path)).filter((f) => f.endsWith('.tmp'))).toEqual([live]);
  });

  it('never loses a secret another process wrote to the same file meanwhile', async () => {
    const app = new FileSecretStore(file(), new AesGcmCipher('k'));
    const cli = new FileSecretStore(file(), new AesGcmCipher('k'));
    await app.set('secret:a', 'from the app');
    await cli.set('secret:b', 'from the cli');
    await app.set('secret:c', 'app again');
    await app.delete('secret:a');
    const fresh = new FileSecretStore(file(), new AesGcmCipher('k'));
    expect(await fresh.get('secret:a')).toBeUndefined();
    expect(await fresh.get('secret:b')).toBe('from the cli');
    expect(await fresh.get('secret:c')).toBe('app again');
  });

  it('loses nothing when two stores (as the app and the CLI) change the file at the same moment', async () => {
    const app = new FileSecretStore(file(), new AesGcmCipher('k'));
    const cli = new FileSecretStore(file(), new AesGcmCipher('k'));
    await Promise.all(Array.from({ length: 10 }, (_, i) => [app.set(`secret:a${i}`, `a${i}`), cli.set(`secret:c${i}`, `c${i}`)]).flat());
    const fresh = new FileSecretStore(file(), new AesGcmCipher('k'));
    for (let i = 0; i < 10; i++) expect([await fresh.get(`secret:a${i}`), await fresh.get(`secret:c${i}`)]).toEqual([`a${i}`, `c${i}`]);
  });

  it('serializes concurrent changes within one process', async () => {
    const store = new FileSecretStore(file(), new AesGcmCipher('k'));
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`secret:${i}`, `v${i}`)));
    for (let i = 0; i < 20; i++) expect(await store.get(`secret:${i}`)).toBe(`v${i}`);
  });
});
