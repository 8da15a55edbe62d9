import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION } from '../../../shared/model/store-schema';
import { tempDir } from '../../../test/support/temp-dir';
import { DATA_FILE_NAME, DataFile } from './data-file';

let dir: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => (dir = await tempDir()));
afterEach(() => dir.cleanup());

const file = () => join(dir.path, DATA_FILE_NAME);

describe('DataFile', () => {
  it('creates a versioned file in a new folder', async () => {
    const nested = join(dir.path, 'a', 'b');
    const df = await DataFile.open(nested);
    expect(df.notices).toEqual([]);
    const saved = JSON.parse(await readFile(join(nested, DATA_FILE_NAME), 'utf8'));
    expect(saved.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(saved.webhooks).toEqual([]);
  });

  it('moves a corrupt file aside to a timestamped backup, tells the user, and keeps its bytes', async () => {
    await writeFile(file(), '{"schemaVersion": 2, "webhooks": [ {oops');
    const df = await DataFile.open(dir.path, () => new Date('2026-01-02T03:04:05.678Z'));
    expect(df.notices).toHaveLength(1);
    expect(df.notices[0]).toMatch(/not valid JSON/);
    expect(df.notices[0]).toContain('hooksmith.corrupt-2026-01-02T03-04-05-678Z.json');
    const backup = await readFile(join(dir.path, 'hooksmith.corrupt-2026-01-02T03-04-05-678Z.json'), 'utf8');
    expect(backup).toBe('{"schemaVersion": 2, "webhooks": [ {oops');
    expect((await df.read()).webhooks).toEqual([]);
  });

  it('moves aside a well-formed JSON document that is not a Hooksmith data file', async () => {
    await writeFile(file(), JSON.stringify({ schemaVersion: 2, webhooks: 'not a list' }));
    const df = await DataFile.open(dir.path);
    expect(df.notices[0]).toMatch(/could not be used/);
    const names = await readdir(dir.path);
    expect(names.some((n) => n.startsWith('hooksmith.corrupt-'))).toBe(true);
  });

  it('refuses to start, changing nothing, when the file cannot be read at all', async () => {
    await mkdir(file()); // a folder where the file should be: EISDIR, unreadable even as root
    await expect(DataFile.open(dir.path)).rejects.toThrow(/Cannot read .*hooksmith\.json.*nothing was changed/);
    expect(await readdir(dir.path)).toEqual([DATA_FILE_NAME]);
  });

  it('serializes concurrent updates and persists each one', async () => {
    const df = await DataFile.open(dir.path);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        df.update((doc) => {
          doc.settings = { ...doc.settings };
          (doc as unknown as { counter?: number }).counter = ((doc as unknown as { counter?: number }).counter ?? 0) + 1;
          return i;
        }),
      ),
    );
    const saved = JSON.parse(await readFile(file(), 'utf8'));
    expect(saved.counter).toBe(20);
  });

  it('keeps the previous document in memory when a change throws', async () => {
    const df = await DataFile.open(dir.path);
    await expect(
      df.update((doc) => {
        doc.settings.escapeMode = 'none';
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await df.read()).settings.escapeMode).toBe('html');
    await df.update((doc) => void (doc.settings.escapeMode = 'none'));
    expect(JSON.parse(await readFile(file(), 'utf8')).settings.escapeMode).toBe('none');
  });
});

describe('DataFile migrations', () => {
  it('upgrades a version 1 file, keeping the original as a backup and telling the user', async () => {
    const v1 = await readFile(join(__dirname, '../../../shared/model/migrations/fixtures/store-v1.json'), 'utf8');
    await writeFile(file(), v1);
    const df = await DataFile.open(dir.path, () => new Date('2026-05-06T07:08:09.000Z'));
    expect(df.notices[0]).toMatch(/upgraded from version 1 to 5/);
    expect(await readFile(join(dir.path, 'hooksmith.v1-backup-2026-05-06T07-08-09-000Z.json'), 'utf8')).toBe(v1);
    const saved = JSON.parse(await readFile(file(), 'utf8'));
    expect(saved.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(saved.samples).toEqual([]);
    expect(saved.settings).toBeDefined();
    expect(saved.webhooks.length).toBe(JSON.parse(v1).webhooks.length);
    for (const w of saved.webhooks) expect(w).toHaveProperty('timeoutSeconds');
    // A second open finds nothing to do.
    expect((await DataFile.open(dir.path)).notices).toEqual([]);
  });

  it('refuses to open a file written by a newer Hooksmith and leaves it exactly as it was', async () => {
    const newer = JSON.stringify({ schemaVersion: 99, webhooks: [], future: true });
    await writeFile(file(), newer);
    await expect(DataFile.open(dir.path)).rejects.toThrow(/newer Hooksmith.*Update Hooksmith/);
    expect(await readFile(file(), 'utf8')).toBe(newer);
    expect(await readdir(dir.path)).toEqual([DATA_FILE_NAME]);
  });
});

describe('DataFile with another process writing', () => {
  it('keeps the last good document and refuses changes while someone left the file broken, then recovers', async () => {
    const df = await DataFile.open(dir.path);
    await df.update((doc) => void (doc.settings.escapeMode = 'none'));
    await writeFile(file(), '{ "schemaVersion": 4, oops');
    expect((await df.read()).settings.escapeMode).toBe('none');
    expect(df.notices.at(-1)).toMatch(/changed outside Hooksmith .* saves nothing/);
    await expect(df.update((doc) => void (doc.settings.escapeMode = 'html'))).rejects.toThrow(/changed outside Hooksmith/);
    expect(await readFile(file(), 'utf8')).toBe('{ "schemaVersion": 4, oops');
    expect((await readdir(dir.path)).some((n) => n.includes('corrupt'))).toBe(false);

    const good = JSON.parse(JSON.stringify(await df.read()));
    good.settings.escapeMode = 'html';
    await writeFile(file(), JSON.stringify(good));
    await df.update((doc) => void (doc.settings.eventTypeStyle = 'RequestCreated'));
    expect(JSON.parse(await readFile(file(), 'utf8')).settings).toMatchObject({ escapeMode: 'html', eventTypeStyle: 'RequestCreated' });
  });

  it('sees changes another process made and never writes a stale copy over them', async () => {
    const app = await DataFile.open(dir.path);
    const cli = await DataFile.open(dir.path);
    await cli.update((doc) => void (doc.settings.escapeMode = 'none'));
    expect((await app.read()).settings.escapeMode).toBe('none');
    await app.update((doc) => void (doc.settings.eventTypeStyle = 'RequestCreated'));
    const saved = JSON.parse(await readFile(file(), 'utf8'));
    expect(saved.settings).toEqual({ escapeMode: 'none', eventTypeStyle: 'RequestCreated', network: {}, maxResponseBytes: 1048576 });
  });
});
