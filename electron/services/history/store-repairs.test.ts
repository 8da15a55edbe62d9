/**
 * The history faults reproduced in issue 10, each at the store (or backend) level: "keep forever" kept from the
 * first moment, a torn index line, overlapping sends, clear with two processes, a lowered size cap, and bodies
 * stored once.
 */
import { appendFileSync, readFileSync, readdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeRecord } from '../../../test/support/invocation-fixtures';
import { tempDir } from '../../../test/support/temp-dir';
import { createBackend } from '../backend';
import { MemorySecretStore } from '../secrets/secret-store';
import { InvocationStore } from './invocation-store';
import { scanLines } from './line-files';

let dir: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => (dir = await tempDir('hooksmith-history-repairs-')));
afterEach(() => dir.cleanup());

const NO_LIMITS = { maxRecords: null, maxAgeDays: null, maxTotalBytes: null };
const DAY = 86_400_000;
const daysAgo = (d: number) => new Date(Date.now() - d * DAY).toISOString();
const segmentFiles = (path: string) => readdirSync(path).filter((f) => /^seg-\d+\.jsonl$/.test(f));
const ids = async (s: InvocationStore) => (await s.query({ limit: 1000 })).items.map((x) => x.id);

describe('"keep forever" is kept from the first moment', () => {
  it('a store opened without limits uses the saved settings, so 40-day-old records survive every open', async () => {
    const s = InvocationStore.open(dir.path, { retention: NO_LIMITS });
    s.append(makeRecord({ id: 'old', startedAt: daysAgo(40) }));
    s.append(makeRecord({ id: 'new', startedAt: daysAgo(1) }));
    s.close();
    writeFileSync(join(dir.path, 'settings.json'), JSON.stringify({ retention: NO_LIMITS, omitBodiesFor: [] }));
    for (let i = 0; i < 2; i++) {
      const again = InvocationStore.open(dir.path);
      expect(await ids(again)).toEqual(['new', 'old']);
      again.close();
    }
  });

  it('the backend (app, browser mode and every CLI command) opens the history with the saved settings', async () => {
    const home = join(dir.path, 'home');
    const open = () => createBackend({ dataDir: home, secrets: new MemorySecretStore(), mode: 'web', version: 'test', env: {} });
    let b = await open();
    await b.api.history.updateSettings({ retention: NO_LIMITS });
    b.history.store.append(makeRecord({ id: 'forty-days', startedAt: daysAgo(40) }));
    b.history.store.close();
    for (let i = 0; i < 2; i++) {
      b = await open();
      expect(await b.api.history.get({ id: 'forty-days' })).toMatchObject({ ok: true, value: { id: 'forty-days' } });
      b.history.store.close();
    }
  });

  it('an unreadable settings file keeps everything (it may have said "keep forever") and says so', async () => {
    const s = InvocationStore.open(dir.path, { retention: NO_LIMITS });
    s.append(makeRecord({ id: 'old', startedAt: daysAgo(400) }));
    s.close();
    writeFileSync(join(dir.path, 'settings.json'), '{"retention": {"maxAgeDays": nu');
    const again = InvocationStore.open(dir.path);
    expect(await ids(again)).toEqual(['old']);
    expect(again.recovery.join('\n')).toMatch(/settings\.json is not valid JSON; nothing is dropped/);
    again.close();
  });
});

describe('a torn index line does not swallow the next record', () => {
  it('an append after a torn index line starts on a new line, and the record is there after a reopen', async () => {
    const s = InvocationStore.open(dir.path, { retention: NO_LIMITS });
    s.append(makeRecord({ id: 'a', startedAt: daysAgo(3) }));
    // Another process died (or the disk filled) half way through its index line.
    appendFileSync(join(dir.path, 'index.jsonl'), '["torn-record",17');
    s.append(makeRecord({ id: 'b', startedAt: daysAgo(2) }));
    s.append(makeRecord({ id: 'c', startedAt: daysAgo(1) }));
    s.close();
    const again = InvocationStore.open(dir.path, { retention: NO_LIMITS });
    expect(await ids(again)).toEqual(['c', 'b', 'a']);
    expect(await again.get('b')).toMatchObject({ id: 'b' });
    again.close();
  });

  it('records whose index lines were glued to a torn one are found in the gap, not only past the last indexed offset', async () => {
    const s = InvocationStore.open(dir.path, { retention: NO_LIMITS });
    for (const [i, id] of ['a', 'b', 'c', 'd'].entries()) s.append(makeRecord({ id, startedAt: daysAgo(10 - i) }));
    s.close();
    // What the old store left: b's index line torn, c's glued to it (unparseable), d's intact after them.
    const lines = readFileSync(join(dir.path, 'index.jsonl'), 'utf8').split('\n').filter(Boolean);
    const [a, b, c, d] = lines.slice(-4);
    writeFileSync(join(dir.path, 'index.jsonl'), `${a}\n${b!.slice(0, 20)}${c}\n${d}\n`);
    const again = InvocationStore.open(dir.path, { retention: NO_LIMITS });
    expect(await ids(again)).toEqual(['d', 'c', 'b', 'a']);
    expect(await again.get('c')).toMatchObject({ id: 'c' });
    again.close();
    // And once compacted (the repair rewrites the index), still there.
    const third = InvocationStore.open(dir.path, { retention: NO_LIMITS });
    expect(await ids(third)).toEqual(['d', 'c', 'b', 'a']);
    third.close();
  });

  it('a torn segment line (a write cut short) does not run into the next record of a running store', async () => {
    const s = InvocationStore.open(dir.path, { retention: NO_LIMITS });
    s.append(makeRecord({ id: 'a', startedAt: daysAgo(2) }));
    const seg = join(dir.path, segmentFiles(dir.path)[0]!);
    appendFileSync(seg, '{"schemaVersion":1,"id":"half');
    s.append(makeRecord({ id: 'b', startedAt: daysAgo(1) }));
    expect(await s.get('b')).toMatchObject({ id: 'b' });
    s.close();
    const again = InvocationStore.open(dir.path, { retention: NO_LIMITS });
    expect(await ids(again)).toEqual(['b', 'a']);
    again.close();
  });
});

describe('overlapping sends keep the index in time order', () => {
  it('a send that started earlier but finished later is listed in its place, and age retention reaches it', async () => {
    const now = Date.now();
    const s = InvocationStore.open(dir.path, { retention: NO_LIMITS, now: () => now });
    s.append(makeRecord({ id: 't3', startedAt: daysAgo(1) }));
    s.append(makeRecord({ id: 't1', startedAt: daysAgo(40) })); // started long before, recorded after
    s.append(makeRecord({ id: 't2', startedAt: daysAgo(20) }));
    expect(await ids(s)).toEqual(['t3', 't2', 't1']);
    const page1 = await s.query({ limit: 2 });
    expect((await s.query({ limit: 2, cursor: page1.nextCursor })).items.map((x) => x.id)).toEqual(['t1']);
    s.retention = { ...NO_LIMITS, maxAgeDays: 30 };
    s.enforceRetention();
    expect(await ids(s)).toEqual(['t3', 't2']);
    s.close();
  });

  it('an index written out of order is re-sorted on open: retention by age does not stop at the first recent row', async () => {
    const s = InvocationStore.open(dir.path, { retention: NO_LIMITS });
    s.append(makeRecord({ id: 'recent', startedAt: daysAgo(1) }));
    s.close();
    // An index line appended out of order by an older version (two processes, or overlapping sends).
    const s2 = InvocationStore.open(dir.path, { retention: NO_LIMITS });
    s2.append(makeRecord({ id: 'ancient', startedAt: daysAgo(90) }));
    s2.close();
    const again = InvocationStore.open(dir.path, { retention: { ...NO_LIMITS, maxAgeDays: 30 } });
    expect(await ids(again)).toEqual(['recent']);
    again.close();
    // The owner rewrote the index in time order, so the next open needs no sort.
    const lines = readFileSync(join(dir.path, 'index.jsonl'), 'utf8').split('\n').filter((l) => l.startsWith('['));
    expect(lines.map((l) => (JSON.parse(l) as string[])[0])).toEqual(['ancient', 'recent']);
  });
});

describe('clear with two processes', () => {
  it('the owner deletes every segment, a guest\'s included; the guest keeps appending to a new one', async () => {
    const owner = InvocationStore.open(dir.path, { retention: NO_LIMITS });
    const guest = InvocationStore.open(dir.path, { retention: NO_LIMITS });
    expect(guest.owner).toBe(false);
    owner.append(makeRecord({ id: 'o1' }));
    guest.append(makeRecord({ id: 'g1' }));
    expect(segmentFiles(dir.path)).toHaveLength(2);
    owner.clear();
    const left = segmentFiles(dir.path).map((f) => readFileSync(join(dir.path, f), 'utf8'));
    expect(left.join('')).toBe('');
    guest.append(makeRecord({ id: 'g2' }));
    expect(await guest.get('g2')).toMatchObject({ id: 'g2' });
    expect(await ids(owner)).toEqual(['g2']);
    guest.close();
    owner.close();
    const again = InvocationStore.open(dir.path, { retention: NO_LIMITS });
    expect(await ids(again)).toEqual(['g2']);
    again.close();
  });

  it('a guest\'s clear leaves no body on disk once the owner reads it, the owner\'s current segment included', async () => {
    const owner = InvocationStore.open(dir.path, { retention: NO_LIMITS });
    const guest = InvocationStore.open(dir.path, { retention: NO_LIMITS });
    owner.append(makeRecord({ id: 'o1' }));
    guest.append(makeRecord({ id: 'g1' }));
    guest.clear();
    expect(owner.size).toBe(0);
    guest.close();
    const bodies = segmentFiles(dir.path).map((f) => readFileSync(join(dir.path, f), 'utf8')).join('');
    expect(bodies).not.toContain('"id":"o1"');
    expect(bodies).not.toContain('"id":"g1"');
    owner.close();
  });
});

describe('a lowered size cap', () => {
  it('says beforehand how many invocations would go, and then that many go', async () => {
    const s = InvocationStore.open(dir.path, { retention: NO_LIMITS });
    for (let i = 0; i < 600; i++) s.append(makeRecord({ id: `r${i}`, startedAt: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString() }, 3000));
    const policy = { ...NO_LIMITS, maxTotalBytes: 1024 * 1024 };
    const forecast = s.wouldRemove(policy);
    expect(forecast).toBeGreaterThan(0);
    expect(forecast).toBeLessThan(600);
    expect(s.wouldRemove({ ...NO_LIMITS, maxRecords: 100 })).toBe(500);
    s.retention = policy;
    s.enforceRetention();
    expect(600 - s.size).toBe(forecast);
    s.close();
  });
});

describe('each body stored once', () => {
  it('a 4 MB response takes about 4 MB on disk, not twice that, and reads back equal', async () => {
    const s = InvocationStore.open(dir.path, { retention: NO_LIMITS });
    const rec = makeRecord({ id: 'big' });
    const body = 'z'.repeat(4 * 1024 * 1024);
    rec.response = { ...rec.response!, body, size: body.length, fullSize: body.length };
    rec.steps[0]!.response = rec.response;
    s.append(rec);
    const bytes = segmentFiles(dir.path).reduce((a, f) => a + statSync(join(dir.path, f)).size, 0);
    expect(bytes).toBeLessThan(body.length * 1.1);
    expect(await s.get('big')).toEqual(rec);
    s.close();
    const again = InvocationStore.open(dir.path, { retention: NO_LIMITS });
    expect(await again.get('big')).toEqual(rec);
    expect((await again.query({ text: 'zzzzzzzz' })).items.map((x) => x.id)).toEqual(['big']);
    again.close();
  });

  it('scanLines hands over a line spanning many read chunks whole, at its offset', () => {
    const path = join(dir.path, 'lines.jsonl');
    const long = 'q'.repeat(9 * 1024 * 1024 + 7);
    writeFileSync(path, `short\n${long}\ntail`);
    const seen: [number, number][] = [];
    const scan = scanLines(path, 0, (line, offset) => seen.push([offset, line.length]));
    expect(seen).toEqual([
      [0, 6],
      [6, long.length + 1],
    ]);
    expect(scan).toEqual({ validEnd: 6 + long.length + 1, size: 6 + long.length + 1 + 4 });
    truncateSync(path, 3);
  });
});

describe('a long search can be cancelled', () => {
  it('a text search given a run id stops when that run is cancelled, with `cancelled`; other calls go on', async () => {
    const home = join(dir.path, 'home');
    const b = await createBackend({ dataDir: home, secrets: new MemorySecretStore(), mode: 'web', version: 'test', env: {} });
    await b.api.history.updateSettings({ retention: NO_LIMITS });
    const batch = Array.from({ length: 400 }, (_, i) => makeRecord({ id: `r${i}` }, 20_000));
    b.history.store.appendMany(batch);
    const search = b.history.list({ text: 'matches nothing at all', runId: 'search-1' });
    expect(await b.api.delivery.cancel({ runId: 'search-1' })).toEqual({ ok: true, value: { cancelled: true } });
    expect(await search).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await b.api.delivery.cancel({ runId: 'search-1' })).toEqual({ ok: true, value: { cancelled: false } });
    // Without a cancel the same search runs to the end.
    expect(await b.history.list({ text: 'matches nothing at all', runId: 'search-2' })).toMatchObject({ ok: true, value: { total: 0 } });
    b.history.store.close();
  });
});
