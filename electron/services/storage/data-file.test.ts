import { chmod, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION } from '../../../shared/model/store-schema';
import { tempDir } from '../../../test/support/temp-dir';
import { appErrorOf } from '../../../shared/api/result';
import { DATA_FILE_NAME, DataFile } from './data-file';
import { tempPathFor } from './atomic-file';

/** Root ignores file permissions, so chmod-based cases cannot fail for it. */
const IS_ROOT = process.getuid?.() === 0;

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

  it('loses no change when two DataFiles on one folder (as the app and the CLI) change it at the same moment', async () => {
    const app = await DataFile.open(dir.path);
    const cli = await DataFile.open(dir.path);
    const add = (df: DataFile, name: string) => df.update((doc) => void doc.samples.push({ id: name, name, event: {}, createdAt: '2026-01-01T00:00:00.000Z' }));
    await Promise.all(Array.from({ length: 10 }, (_, i) => [add(app, `app${i}`), add(cli, `cli${i}`)]).flat());
    const saved = JSON.parse(await readFile(file(), 'utf8')) as { samples: { name: string }[] };
    expect(saved.samples.map((s) => s.name).sort()).toEqual([...Array.from({ length: 10 }, (_, i) => `app${i}`), ...Array.from({ length: 10 }, (_, i) => `cli${i}`)].sort());
  });

  it('loses no change when one DataFile reads (an unlocked reload) while another saves', async () => {
    const app = await DataFile.open(dir.path);
    const cli = await DataFile.open(dir.path);
    const add = (df: DataFile, name: string) => df.update((doc) => void doc.samples.push({ id: name, name, event: {}, createdAt: '2026-01-01T00:00:00.000Z' }));
    // About a megabyte: parsing and checking it on a reload takes long enough for the other save to land meanwhile.
    await cli.update((doc) => void doc.samples.push(...Array.from({ length: 800 }, (_, i) => ({ id: `big${i}`, name: `big${i}`, event: { note: 'x'.repeat(1200) }, createdAt: '2026-01-01T00:00:00.000Z' }))));
    const expected: string[] = [];
    // The app's read reloads what the CLI saved before; the CLI's next save may land while that reload runs. A reload
    // that took the file's version after reading it held the old content under the new version, and the app's next
    // save wrote that old content back: the CLI's save was gone.
    for (let i = 0; i < 60; i++) {
      await add(cli, `warm${i}`);
      await Promise.all([app.read(), add(cli, `cli${i}`)]);
      await add(app, `app${i}`);
      expected.push(`warm${i}`, `cli${i}`, `app${i}`);
    }
    const saved = JSON.parse(await readFile(file(), 'utf8')) as { samples: { name: string }[] };
    expect(expected.filter((n) => !saved.samples.some((s) => s.name === n))).toEqual([]);
  });

  it('removes the temp files of writers that were killed, and only theirs', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    await mkdir(dir.path, { recursive: true });
    await writeFile(join(dir.path, `.${DATA_FILE_NAME}.${dead}.tmp`), '{"half');
    const live = join(dir.path, `.${DATA_FILE_NAME}.${process.ppid}.tmp`);
    await writeFile(live, '{"being written');
    await DataFile.open(dir.path);
    expect((await readdir(dir.path)).filter((f) => f.endsWith('.tmp'))).toEqual([`.${DATA_FILE_NAME}.${process.ppid}.tmp`]);
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

/**
 * A folder Hooksmith cannot write. Root ignores permissions, so the failures here are ones root gets too: a
 * folder where the temp file or a backup must go (EISDIR). The same paths with a read-only folder (EACCES)
 * are covered by the chmod test below when not root, and by test/integration/cli-storage.test.ts, which runs
 * the built CLI as an unprivileged user when the tests run as root.
 */
describe('DataFile in a folder it cannot write', () => {
  const NOW = () => new Date('2026-07-08T09:10:11.000Z');
  const blockTempFile = () => mkdir(tempPathFor(file()));

  it('refuses a change with storage-unwritable naming the folder, the reason and the fix, and changes nothing', async () => {
    const df = await DataFile.open(dir.path);
    const before = await readFile(file(), 'utf8');
    await blockTempFile();
    const failed = await df.update((doc) => void (doc.settings.escapeMode = 'none')).catch((e: unknown) => e);
    expect(appErrorOf(failed)).toEqual({
      code: 'storage-unwritable',
      message: `Could not save your webhooks and settings: ${dir.path} cannot be written (EISDIR: a folder is in the way of a file Hooksmith writes). Nothing was changed. Fix: make ${dir.path} writable for your user (check its permissions, and that the disk is not read-only or full), or use another data folder (--home DIR or HOOKSMITH_HOME in browser mode and the CLI).`,
    });
    expect(await readFile(file(), 'utf8')).toBe(before);
    expect((await df.read()).settings.escapeMode).toBe('html');
  });

  it('says a corrupt file it cannot move aside is corrupt, and why it could not be moved; leaves it untouched and refuses changes until fixed', async () => {
    await writeFile(file(), '{ "schemaVersion": 5, oops');
    // A non-empty folder at the backup's path: the rename fails, for root too.
    const backup = join(dir.path, 'hooksmith.corrupt-2026-07-08T09-10-11-000Z.json');
    await mkdir(join(backup, 'blocker'), { recursive: true });
    const df = await DataFile.open(dir.path, NOW);
    expect(df.notices).toHaveLength(1);
    expect(df.notices[0]).toMatch(new RegExp(`^${file().replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is corrupt \\(it is not valid JSON: .*\\), and it could not be moved aside to a backup \\((EISDIR|ENOTEMPTY|EEXIST): [^)]*\\)\\. It was left untouched; until it is fixed Hooksmith shows no webhooks and saves nothing\\. Fix: make .* so that the next start moves the file aside, or repair or remove the file yourself`));
    expect((await df.read()).webhooks).toEqual([]);
    const refused = await df.update((doc) => void (doc.settings.escapeMode = 'none')).catch((e: unknown) => e);
    expect(appErrorOf(refused)).toMatchObject({ code: 'storage-failed', message: df.notices[0] });
    expect(await readFile(file(), 'utf8')).toBe('{ "schemaVersion": 5, oops');
    expect(df.notices).toHaveLength(1);

    // Once the way is clear, the next start moves it aside as usual.
    await rm(backup, { recursive: true });
    const next = await DataFile.open(dir.path, NOW);
    expect(next.notices[0]).toMatch(/It was moved to .*hooksmith\.corrupt-2026-07-08T09-10-11-000Z\.json/);
    expect(await readFile(backup, 'utf8')).toBe('{ "schemaVersion": 5, oops');
  });

  it('reads an old file it cannot upgrade on disk, says so, and refuses changes rather than overwrite it without a backup', async () => {
    const v1 = await readFile(join(__dirname, '../../../shared/model/migrations/fixtures/store-v1.json'), 'utf8');
    await writeFile(file(), v1);
    await mkdir(join(dir.path, 'hooksmith.v1-backup-2026-07-08T09-10-11-000Z.json'));
    const df = await DataFile.open(dir.path, NOW);
    expect(df.notices).toEqual([expect.stringMatching(/^Could not upgrade your data file from version 1 \(it was read as it is, and nothing was changed\): .* cannot be written \(EISDIR: .*\)\. Fix: /)]);
    expect((await df.read()).webhooks).toHaveLength(JSON.parse(v1).webhooks.length);
    const refused = await df.update((doc) => void (doc.settings.escapeMode = 'none')).catch((e: unknown) => e);
    expect(appErrorOf(refused)?.code).toBe('storage-unwritable');
    expect(await readFile(file(), 'utf8')).toBe(v1);
  });

  it('starts empty when it cannot create the file, says so, and refuses changes with storage-unwritable', async () => {
    await blockTempFile();
    const df = await DataFile.open(dir.path);
    expect(df.notices).toEqual([expect.stringMatching(/^Could not create .*hooksmith\.json: .* cannot be written \(EISDIR: .*\)\. Fix: .* Until then nothing can be saved\.$/)]);
    expect((await df.read()).webhooks).toEqual([]);
    const refused = await df.update((doc) => void (doc.settings.escapeMode = 'none')).catch((e: unknown) => e);
    expect(appErrorOf(refused)?.code).toBe('storage-unwritable');
  });

  it('cannot create its folder under a file: a typed error naming the path', async () => {
    await writeFile(join(dir.path, 'not-a-folder'), '');
    const failed = await DataFile.open(join(dir.path, 'not-a-folder', 'home')).catch((e: unknown) => e);
    expect(appErrorOf(failed)).toMatchObject({ code: 'storage-unwritable', message: expect.stringMatching(/^Could not save a new data folder: .*not-a-folder\/home cannot be written \((ENOTDIR|EEXIST): /) });
  });

  it.skipIf(IS_ROOT)('with a read-only folder (EACCES; skipped as root, which ignores permissions): changes refused by name, a corrupt file kept and explained', async () => {
    const df = await DataFile.open(dir.path);
    await chmod(dir.path, 0o555);
    try {
      const failed = await df.update((doc) => void (doc.settings.escapeMode = 'none')).catch((e: unknown) => e);
      expect(appErrorOf(failed)).toMatchObject({ code: 'storage-unwritable', message: expect.stringContaining(`${dir.path} cannot be written (EACCES: permission denied)`) });
      await chmod(dir.path, 0o755);
      await writeFile(file(), '{ oops');
      await chmod(dir.path, 0o555);
      const stuck = await DataFile.open(dir.path);
      expect(stuck.notices[0]).toMatch(/is corrupt \(it is not valid JSON: .*\), and it could not be moved aside to a backup \(EACCES: permission denied\)/);
      expect(await readFile(file(), 'utf8')).toBe('{ oops');
    } finally {
      await chmod(dir.path, 0o755);
    }
  });
});
