import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureIo } from '../../test/support/memory-io';
import { tempDir } from '../../test/support/temp-dir';
import { readIfFile } from './file-or-name';

let dir: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  dir = await tempDir('hooksmith-file-or-name-');
});
afterEach(() => dir.cleanup());

describe('readIfFile: a file or a saved webhook name', () => {
  it('reads a file that exists, and takes a missing path, a folder or a path through a file as a name', async () => {
    const io = captureIo(dir.path);
    await writeFile(join(dir.path, 'hook.json'), '{"a":1}');
    await mkdir(join(dir.path, 'SlackAlerts'));
    expect(await readIfFile(io, 'hook.json')).toBe('{"a":1}');
    expect(await readIfFile(io, 'OktaFlow')).toBeUndefined();
    expect(await readIfFile(io, 'SlackAlerts')).toBeUndefined();
    expect(await readIfFile(io, 'hook.json/inner')).toBeUndefined();
  });

  it('refuses a file that exists but cannot be read, naming it and the reason, instead of looking up a name', async () => {
    // The platform's refusal as the real fs reports it; root reads any file, so it cannot be produced by chmod here.
    const refused = Object.assign(new Error("EACCES: permission denied, open 'secret.json'"), { code: 'EACCES' });
    const io = { ...captureIo(dir.path), readFile: () => Promise.reject(refused) };
    await expect(readIfFile(io, 'secret.json')).rejects.toThrow(/^secret\.json: the file cannot be read \(EACCES: permission denied.*\); fix its permissions/);
  });
});
