/** The real process's file writes: what `hooksmith export --reveal-secrets --out FILE` leaves on disk. */
import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp-dir';
import { processIo } from './process-io';

const dirs: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of dirs.splice(0)) await c();
});

describe.runIf(process.platform !== 'win32')('processIo.writeFile', () => {
  it('creates a file only its owner can read (an export may hold revealed secrets), and keeps an existing file’s mode', async () => {
    const tmp = await tempDir();
    dirs.push(tmp.cleanup);
    const fresh = join(tmp.path, 'export.curl');
    await processIo().writeFile(fresh, 'curl -H "Authorization: Bearer revealed-123"');
    expect((await stat(fresh)).mode & 0o777).toBe(0o600);
    const chosen = join(tmp.path, 'shared.curl');
    await writeFile(chosen, '', { mode: 0o640 });
    await processIo().writeFile(chosen, 'x');
    expect((await stat(chosen)).mode & 0o777).toBe(0o640);
  });
});
