import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp-dir';
import { SamplesService } from './samples-service';
import { SettingsService } from './settings-service';
import { DATA_FILE_NAME, DataFile } from './storage/data-file';
import { CURRENT_SCHEMA_VERSION } from '../../shared/model/store-schema';

let dir: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => (dir = await tempDir()));
afterEach(() => dir.cleanup());

const onDisk = async () => JSON.parse(await readFile(join(dir.path, DATA_FILE_NAME), 'utf8'));
const at = () => new Date('2026-04-01T10:00:00.000Z');

describe('SamplesService', () => {
  it('saves, lists by name, replaces by name and removes samples in the data file', async () => {
    const samples = new SamplesService(await DataFile.open(dir.path), at);
    const zed = await samples.save({ name: 'Zed payload', event: { data: { id: 'z' } } });
    const alpha = await samples.save({ name: '  Alpha  ', event: { data: { id: 'a' } } });
    expect(zed.ok && alpha.ok).toBe(true);
    if (!zed.ok || !alpha.ok) return;
    expect(alpha.value).toMatchObject({ name: 'Alpha', createdAt: '2026-04-01T10:00:00.000Z' });

    const listed = await samples.list();
    expect(listed.ok && listed.value.map((s) => s.name)).toEqual(['Alpha', 'Zed payload']);

    const replaced = await samples.save({ name: 'Alpha', event: { data: { id: 'a2' } } });
    expect(replaced.ok && replaced.value.id).toBe(alpha.value.id);
    expect((await onDisk()).samples).toHaveLength(2);

    // A second process (the CLI) sees the same samples.
    const other = new SamplesService(await DataFile.open(dir.path));
    const seen = await other.list();
    expect(seen.ok && seen.value.find((s) => s.name === 'Alpha')?.event).toEqual({ data: { id: 'a2' } });

    expect(await samples.remove({ id: zed.value.id })).toEqual({ ok: true, value: { id: zed.value.id } });
    expect((await samples.remove({ id: zed.value.id })).ok).toBe(false);
    expect((await onDisk()).samples.map((s: { name: string }) => s.name)).toEqual(['Alpha']);
  });

  it('refuses an empty name or a non-object payload, naming the field, and saves nothing', async () => {
    const samples = new SamplesService(await DataFile.open(dir.path));
    const r = await samples.save({ name: ' ', event: [] as unknown as Record<string, unknown> });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('validation-failed');
    expect(r.error.issues?.map((i) => i.field)).toEqual(['name', 'event']);
    expect((await onDisk()).samples).toEqual([]);
  });

  it('upgrades a version 2 data file: keeps webhooks and settings, starts with no samples, then saves one', async () => {
    const v2 = await readFile(join(__dirname, '../../shared/model/migrations/fixtures/store-v2.json'), 'utf8');
    await writeFile(join(dir.path, DATA_FILE_NAME), v2);
    const file = await DataFile.open(dir.path, at);
    expect(file.notices[0]).toMatch(/upgraded from version 2 to 5/);
    expect(await readdir(dir.path)).toContain('hooksmith.v2-backup-2026-04-01T10-00-00-000Z.json');
    const samples = new SamplesService(file, at);
    expect(await samples.list()).toEqual({ ok: true, value: [] });
    expect(await new SettingsService(file).get()).toEqual({ ok: true, value: { eventTypeStyle: 'RequestCreated', escapeMode: 'none', network: {}, maxResponseBytes: 1048576 } });
    await samples.save({ name: 'Mine', event: { event_type: 'RequestCreated' } });
    const saved = await onDisk();
    expect(saved.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(saved.webhooks.map((w: { name: string }) => w.name)).toEqual(['SlackAlerts']);
    expect(saved.samples).toEqual([{ id: expect.any(String), name: 'Mine', event: { event_type: 'RequestCreated' }, createdAt: '2026-04-01T10:00:00.000Z' }]);
  });
});
