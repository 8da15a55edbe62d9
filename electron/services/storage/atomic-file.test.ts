import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/temp-dir';
import { renameRetrying, writeFileAtomic } from './atomic-file';

let dir: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => (dir = await tempDir()));
afterEach(() => dir.cleanup());

const failing = (codes: string[]) => {
  const calls: string[] = [];
  const move = async (a: string, b: string) => {
    calls.push(`${a}->${b}`);
    const code = codes.shift();
    if (code) throw Object.assign(new Error(`${code}: rename`), { code });
  };
  return { calls, move };
};

describe('writeFileAtomic', () => {
  it('replaces the file whole, 0600, leaving no temp file', async () => {
    const path = join(dir.path, 'doc.json');
    await writeFileAtomic(path, 'one');
    await writeFileAtomic(path, 'two');
    expect(await readFile(path, 'utf8')).toBe('two');
    expect(await readdir(dir.path)).toEqual(['doc.json']);
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('on Windows retries a rename another program briefly blocks (EPERM, EBUSY), and gives up after ten tries', async () => {
    const brief = failing(['EPERM', 'EBUSY']);
    await renameRetrying('a', 'b', 'win32', brief.move);
    expect(brief.calls).toHaveLength(3);
    const stuck = failing(Array(10).fill('EACCES'));
    await expect(renameRetrying('a', 'b', 'win32', stuck.move)).rejects.toMatchObject({ code: 'EACCES' });
    expect(stuck.calls).toHaveLength(10);
  });

  it('elsewhere fails at once: EACCES there means permissions, not a passing lock', async () => {
    const denied = failing(['EACCES']);
    await expect(renameRetrying('a', 'b', 'linux', denied.move)).rejects.toMatchObject({ code: 'EACCES' });
    expect(denied.calls).toHaveLength(1);
  });
});
