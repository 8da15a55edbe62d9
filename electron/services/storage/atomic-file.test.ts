import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/temp-dir';
import { renameLayer, writeFileAtomic } from './atomic-file';

let dir: { path: string; cleanup: () => Promise<void> };
const real = { ...renameLayer };
beforeEach(async () => {
  dir = await tempDir();
  renameLayer.pauseMs = 1;
});
afterEach(async () => {
  Object.assign(renameLayer, real);
  await dir.cleanup();
});

/**
 * A rename that Windows refuses `busyFor` times with `code`, as it does while another program (an antivirus scan,
 * the search indexer, a sync client) holds the target open without FILE_SHARE_DELETE; then the real rename.
 */
function refusedRename(code: string, busyFor: number): { calls: () => number } {
  let calls = 0;
  renameLayer.rename = async (from, to) => {
    if (calls++ < busyFor) throw Object.assign(new Error(`${code}: operation not permitted, rename '${String(from)}' -> '${String(to)}'`), { code });
    return rename(from, to);
  };
  return { calls: () => calls };
}

describe('writeFileAtomic', () => {
  const file = () => join(dir.path, 'hooksmith.json');

  it.each(['EPERM', 'EACCES', 'EBUSY'])('on Windows, retries a rename refused with %s while another program holds the file, and replaces it', async (code) => {
    await writeFile(file(), 'old');
    renameLayer.platform = 'win32';
    const rename = refusedRename(code, 3);
    await writeFileAtomic(file(), 'new');
    expect(await readFile(file(), 'utf8')).toBe('new');
    expect(rename.calls()).toBe(4);
    expect(await readdir(dir.path)).toEqual(['hooksmith.json']);
  });

  it('on Windows, gives up after ten tries (as steno, which lowdb used before, did), leaving the old file and no temp file', async () => {
    await writeFile(file(), 'old');
    renameLayer.platform = 'win32';
    const rename = refusedRename('EPERM', Infinity);
    await expect(writeFileAtomic(file(), 'new')).rejects.toMatchObject({ code: 'EPERM' });
    expect(rename.calls()).toBe(10);
    expect(await readFile(file(), 'utf8')).toBe('old');
    expect(await readdir(dir.path)).toEqual(['hooksmith.json']);
  });

  it('elsewhere, fails at once: there EPERM and EACCES are permissions, and EBUSY a mount point, which waiting does not change', async () => {
    await writeFile(file(), 'old');
    renameLayer.platform = 'linux';
    const rename = refusedRename('EPERM', 1);
    await expect(writeFileAtomic(file(), 'new')).rejects.toMatchObject({ code: 'EPERM' });
    expect(rename.calls()).toBe(1);
    expect(await readFile(file(), 'utf8')).toBe('old');
  });

  it('on Windows, does not retry other errors', async () => {
    renameLayer.platform = 'win32';
    const rename = refusedRename('ENOENT', 1);
    await expect(writeFileAtomic(file(), 'new')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(rename.calls()).toBe(1);
  });
});
