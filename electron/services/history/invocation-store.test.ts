import { spawn } from 'node:child_process';
import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFailure, makeRecord } from '../../../test/support/invocation-fixtures';
import { tempDir } from '../../../test/support/temp-dir';
import { appErrorOf } from '../../../shared/api/result';
import { InvocationStore } from './invocation-store';
import { tryOwn } from './owner-lock';

/** Root ignores file permissions, so chmod-based cases cannot fail for it. */
const IS_ROOT = process.getuid?.() === 0;

let dir: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => (dir = await tempDir('hooksmith-history-')));
afterEach(() => dir.cleanup());

const NO_LIMITS = { maxRecords: null, maxAgeDays: null, maxTotalBytes: null };
const open = (opts: Parameters<typeof InvocationStore.open>[1] = {}) => InvocationStore.open(dir.path, { retention: NO_LIMITS, ...opts });
const at = (i: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString();

describe('InvocationStore: append, get, page, filter', () => {
  it('appends, reads records back by id, and survives a reopen', async () => {
    const s = open();
    const recs = [makeRecord({ startedAt: at(1) }), makeFailure({ startedAt: at(2) }), makeRecord({ startedAt: at(3) })];
    recs.forEach((r) => s.append(r));
    expect(await s.get(recs[1]!.id)).toEqual(recs[1]);
    s.close();
    const again = open();
    expect(again.size).toBe(3);
    expect(again.recovery).toEqual([]);
    expect(await again.get(recs[2]!.id)).toEqual(recs[2]);
    expect(await again.get('nope')).toBeUndefined();
    again.close();
  });

  it('pages newest first with a cursor that stays stable while new records arrive', async () => {
    const s = open();
    for (let i = 0; i < 25; i++) s.append(makeRecord({ id: `r${i}`, startedAt: at(i) }));
    const p1 = await s.query({ limit: 10 });
    expect(p1.total).toBe(25);
    expect(p1.items.map((x) => x.id)).toEqual(Array.from({ length: 10 }, (_, i) => `r${24 - i}`));
    s.append(makeRecord({ id: 'late', startedAt: at(100) }));
    const p2 = await s.query({ limit: 10, cursor: p1.nextCursor });
    expect(p2.items.map((x) => x.id)).toEqual(Array.from({ length: 10 }, (_, i) => `r${14 - i}`));
    const p3 = await s.query({ limit: 10, cursor: p2.nextCursor });
    expect(p3.items.map((x) => x.id)).toEqual(['r4', 'r3', 'r2', 'r1', 'r0']);
    expect(p3.nextCursor).toBeUndefined();
    expect((await s.query({ offset: 24, limit: 5, direction: 'asc' })).items.map((x) => x.id)).toEqual(['r24', 'late']);
    s.close();
  });

  it('filters by webhook, outcome, trigger, time range and HTTP status, and sorts by duration', async () => {
    const s = open();
    s.append(makeRecord({ id: 'a', webhookId: 'w1', startedAt: at(1), durationMs: 50 }));
    s.append(makeFailure({ id: 'b', webhookId: 'w1', startedAt: at(2), durationMs: 10 }));
    s.append(makeRecord({ id: 'c', webhookId: 'w2', trigger: 'RequestApproved', startedAt: at(3), durationMs: 30 }));
    s.append(makeFailure({ id: 'd', webhookId: 'w2', startedAt: at(4), response: null, error: { errorClass: 'dns', message: 'x', hint: 'y' } }));
    const ids = async (q: Parameters<InvocationStore['query']>[0]) => (await s.query(q)).items.map((x) => x.id);
    expect(await ids({ webhookId: 'w1' })).toEqual(['b', 'a']);
    expect(await ids({ outcome: 'Failure' })).toEqual(['d', 'b']);
    expect(await ids({ trigger: 'RequestApproved' })).toEqual(['c']);
    expect(await ids({ since: at(2), until: at(4) })).toEqual(['c', 'b']);
    expect(await ids({ status: '5xx' })).toEqual(['b']);
    expect(await ids({ status: 0 })).toEqual(['d']);
    expect(await ids({ webhookId: 'unknown' })).toEqual([]);
    expect(await ids({ sort: 'duration', direction: 'asc', webhookId: 'w1' })).toEqual(['b', 'a']);
    const b = (await s.query({ outcome: 'Failure', webhookId: 'w1' })).items[0]!;
    expect(b).toMatchObject({ id: 'b', status: 500, errorClass: 'http-status', outcome: 'Failure', webhookName: 'SlackAlerts' });
    s.close();
  });

  it('searches URL, headers and bodies case-insensitively, not other fields', async () => {
    const s = open();
    s.append(makeRecord({ id: 'plain', startedAt: at(1) }));
    s.append(makeFailure({ id: 'db', startedAt: at(2) }));
    const rec = makeRecord({ id: 'hdr', startedAt: at(3) });
    rec.request!.headers.push(['X-Trace', 'Needle-"Quoted"']);
    s.append(rec);
    const other = makeRecord({ id: 'url', startedAt: at(4) });
    other.request!.url = 'https://other.example.org/path?q=1';
    s.append(other);
    const ids = async (text: string, extra = {}) => (await s.query({ text, ...extra })).items.map((x) => x.id);
    expect(await ids('DATABASE unavailable')).toEqual(['db']);
    expect(await ids('needle-"quoted"')).toEqual(['hdr']);
    expect(await ids('other.example.org')).toEqual(['url']);
    expect(await ids('ada lovelace', { outcome: 'Failure' })).toEqual(['db']);
    expect(await ids('SlackAlerts')).toEqual([]); // the webhook name is not a URL, header or body
    expect((await s.query({ text: 'xxxxxxxx' })).total).toBe(4);
    s.close();
  });

  it('a text search by time reads only as far as the page needs, and its cursors walk every match once', async () => {
    const s = open();
    for (let i = 0; i < 6000; i++) {
      const rec = makeRecord({ id: `r${i}`, startedAt: at(i) }, 50);
      if (i % 20 === 7) rec.request!.headers.push(['X-Trace', 'needle']);
      s.append(rec);
    }
    const expected = Array.from({ length: 6000 }, (_, i) => i).filter((i) => i % 20 === 7);
    for (const direction of ['desc', 'asc'] as const) {
      const first = await s.query({ text: 'NEEDLE', limit: 50, direction });
      // Newest (or oldest) 50 at once; the count so far is a lower bound until the scan has read everything.
      expect(first.totalAtLeast).toBe(true);
      expect(first.total).toBeGreaterThan(50);
      expect(first.total).toBeLessThan(expected.length);
      const seen = first.items.map((x) => x.id);
      let page = first;
      while (page.nextCursor) {
        page = await s.query({ text: 'needle', limit: 50, direction, cursor: page.nextCursor });
        seen.push(...page.items.map((x) => x.id));
      }
      expect(page.totalAtLeast).toBeUndefined();
      expect(page.total).toBe(expected.length);
      const order = direction === 'desc' ? [...expected].reverse() : expected;
      expect(seen).toEqual(order.map((i) => `r${i}`));
    }
    // Sorting by anything else still counts every match exactly.
    expect(await s.query({ text: 'needle', sort: 'duration', limit: 10 })).toMatchObject({ total: expected.length });
    s.close();
  });

  it('removes by id (persisted as a tombstone) and clears everything', async () => {
    const s = open();
    for (let i = 0; i < 5; i++) s.append(makeRecord({ id: `r${i}`, startedAt: at(i) }));
    expect(s.remove(['r1', 'r3', 'missing'])).toBe(2);
    s.close();
    const again = open();
    expect((await again.query({})).items.map((x) => x.id)).toEqual(['r4', 'r2', 'r0']);
    again.clear();
    expect(again.size).toBe(0);
    again.append(makeRecord({ id: 'fresh' }));
    again.close();
    expect(open().size).toBe(1);
  });

  it('keeps records of a "no bodies" webhook without event and bodies, flagged', async () => {
    const s = open({ omitBodiesFor: ['secret-hook'] });
    const rec = makeRecord({ id: 'p', webhookId: 'secret-hook' });
    s.append(rec);
    const kept = (await s.get('p'))!;
    expect(kept.bodiesOmitted).toBe(true);
    expect(kept.event).toBeNull();
    expect(kept.renderedBody).toBe('');
    expect(kept.request!.body).toBe('');
    expect(kept.response!.body).toBe('');
    expect(kept.steps[0]!.request!.body).toBe('');
    expect(kept.request!.headers).toEqual(rec.request!.headers);
    expect(readFileSync(join(dir.path, 'seg-000001.jsonl'), 'utf8')).not.toContain('Ada Lovelace');
    expect((await s.query({})).items[0]!.bodiesOmitted).toBe(true);
    s.close();
  });

  it('rolls segments over at the size limit', () => {
    const s = open({ maxSegmentBytes: 20_000 });
    for (let i = 0; i < 40; i++) s.append(makeRecord({ startedAt: at(i) }));
    const segs = readdirSync(dir.path).filter((f) => f.startsWith('seg-'));
    expect(segs.length).toBeGreaterThan(3);
    for (const f of segs) expect(statSync(join(dir.path, f)).size).toBeLessThanOrEqual(20_000);
    s.close();
  });
});

describe('InvocationStore: retention', () => {
  it('drops the oldest records beyond the count limit and deletes segments that emptied', async () => {
    const s = open({ retention: { ...NO_LIMITS, maxRecords: 10 }, maxSegmentBytes: 20_000 });
    for (let i = 0; i < 40; i++) s.append(makeRecord({ id: `r${i}`, startedAt: at(i) }));
    expect(s.size).toBe(10);
    const page = await s.query({ limit: 100 });
    expect(page.items.map((x) => x.id)).toEqual(Array.from({ length: 10 }, (_, i) => `r${39 - i}`));
    expect(await s.get('r0')).toBeUndefined();
    const segs = readdirSync(dir.path).filter((f) => f.startsWith('seg-'));
    expect(segs).not.toContain('seg-000001.jsonl');
    // Every segment left on disk still holds a kept record: emptied ones were deleted.
    const kept = page.items.map((x) => `"id":"${x.id}"`);
    for (const f of segs) expect(kept.some((k) => readFileSync(join(dir.path, f), 'utf8').includes(k)), f).toBe(true);
    s.close();
    expect(open({ retention: { ...NO_LIMITS, maxRecords: 1000 }, maxSegmentBytes: 20_000 }).size).toBe(10);
  });

  it('drops records older than the age limit', async () => {
    const now = Date.UTC(2025, 0, 31);
    const s = open({ retention: { ...NO_LIMITS, maxAgeDays: 7 }, now: () => now });
    s.append(makeRecord({ id: 'old', startedAt: new Date(now - 8 * 86_400_000).toISOString() }));
    s.append(makeRecord({ id: 'new', startedAt: new Date(now - 6 * 86_400_000).toISOString() }));
    expect((await s.query({})).items.map((x) => x.id)).toEqual(['new']);
    s.close();
  });

  it('keeps total size under the limit by dropping whole oldest segments', () => {
    const s = open({ retention: { ...NO_LIMITS, maxTotalBytes: 60_000 }, maxSegmentBytes: 20_000 });
    for (let i = 0; i < 60; i++) s.append(makeRecord({ startedAt: at(i) }));
    expect(s.diskBytes()).toBeLessThanOrEqual(60_000);
    const onDisk = readdirSync(dir.path).filter((f) => f.startsWith('seg-')).reduce((a, f) => a + statSync(join(dir.path, f)).size, 0);
    expect(onDisk).toBeLessThanOrEqual(60_000);
    expect(s.size).toBeGreaterThan(5);
    expect(s.size).toBeLessThan(60);
    s.close();
  });

  it('a small size cap sizes the segments to fit it, and keeps the newest records', async () => {
    const cap = 1024 * 1024;
    const s = open({ retention: { ...NO_LIMITS, maxTotalBytes: cap } });
    for (let i = 0; i < 2000; i++) s.append(makeRecord({ id: `r${i}`, startedAt: at(i) }));
    const onDisk = readdirSync(dir.path).filter((f) => f.endsWith('.jsonl') && f.startsWith('seg-')).reduce((a, f) => a + statSync(join(dir.path, f)).size, 0);
    expect(onDisk).toBeLessThanOrEqual(cap);
    expect(s.size).toBeGreaterThan(150); // ~4 KB records: most of a megabyte is kept
    expect(await s.get('r1999')).toMatchObject({ id: 'r1999' });
    s.close();
  });

  it('a cap lowered below what one segment holds is met at once and keeps the newest records that fit', async () => {
    const s = open();
    // ~3.2 MB in one segment (the default cap's 16 MB segments), as in the issue.
    for (let i = 0; i < 800; i++) s.append(makeRecord({ id: `r${i}`, startedAt: at(i) }, 3000));
    expect(s.diskBytes()).toBeGreaterThan(3 * 1024 * 1024);
    const lineBytes = s.diskBytes() / 800;
    s.retention = { ...NO_LIMITS, maxTotalBytes: 1024 * 1024 };
    const fit = Math.floor((1024 * 1024) / lineBytes);
    s.enforceRetention();
    const onDisk = readdirSync(dir.path).filter((f) => f.endsWith('.jsonl') && f.startsWith('seg-')).reduce((a, f) => a + statSync(join(dir.path, f)).size, 0);
    expect(onDisk).toBeLessThanOrEqual(1024 * 1024);
    // Not zero, not a whole segment: the newest records up to the cap, all readable.
    expect(s.size).toBeGreaterThanOrEqual(fit - 2);
    expect(s.size).toBeLessThanOrEqual(fit);
    const ids = (await s.query({ limit: 1000 })).items.map((x) => x.id);
    expect(ids).toEqual(Array.from({ length: s.size }, (_, i) => `r${799 - i}`));
    expect(await s.get(ids[ids.length - 1]!)).toMatchObject({ id: ids[ids.length - 1] });
    s.close();
    // And so after a reopen: the copies are the records, the old segment is gone.
    const again = open({ retention: { ...NO_LIMITS, maxTotalBytes: 1024 * 1024 } });
    expect((await again.query({ limit: 1000 })).items.map((x) => x.id)).toEqual(ids);
    again.close();
  });
});

describe('InvocationStore: crash safety', () => {
  it('cuts a torn last segment line and opens cleanly', async () => {
    const s = open();
    const kept = makeRecord({ id: 'kept' });
    s.append(kept);
    s.close();
    const seg = join(dir.path, 'seg-000001.jsonl');
    appendFileSync(seg, JSON.stringify(makeRecord({ id: 'torn' })).slice(0, 700));
    const again = open();
    expect(again.recovery.join(' ')).toMatch(/torn line/);
    expect(again.size).toBe(1);
    expect(await again.get('kept')).toEqual(kept);
    again.append(makeRecord({ id: 'after' }));
    again.close();
    const third = open();
    expect(third.recovery).toEqual([]);
    expect((await third.query({})).items.map((x) => x.id).sort()).toEqual(['after', 'kept']);
    third.close();
  });

  it('indexes segment lines the index missed, and rebuilds a lost or torn index', async () => {
    const s = open();
    for (let i = 0; i < 5; i++) s.append(makeRecord({ id: `r${i}`, startedAt: at(i) }));
    s.close();
    const index = join(dir.path, 'index.jsonl');
    truncateSync(index, statSync(index).size - 30);
    const torn = open();
    expect(torn.size).toBe(5);
    expect(torn.recovery.join(' ')).toMatch(/index\.jsonl ended in a torn line/);
    torn.close();
    rmSync(index);
    const rebuilt = open();
    expect(rebuilt.recovery.join(' ')).toMatch(/rebuilt/);
    expect((await rebuilt.query({})).items.map((x) => x.id)).toEqual(['r4', 'r3', 'r2', 'r1', 'r0']);
    expect(await rebuilt.get('r2')).toMatchObject({ id: 'r2' });
    rebuilt.close();
  });

  it('a child process killed with SIGKILL mid-append loses at most the record being written', async () => {
    const { build } = await import('rolldown');
    const script = join(dir.path, 'child.mjs');
    await build({ input: join(__dirname, '../../../test/support/history-append-child.ts'), platform: 'node', output: { file: script, format: 'esm' }, write: true, logLevel: 'silent' });
    const history = join(dir.path, 'history');
    const acknowledged: string[] = [];
    const recoveries: string[] = [];
    // Several rounds into the same folder: each kill lands at a different point of an append (often inside
    // a multi-megabyte write), and each open must recover whatever the previous kill left.
    for (let round = 0; round < 4; round++) {
      await new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, [script, history], { stdio: ['ignore', 'pipe', 'inherit'] });
        let buf = '';
        let seen = 0;
        child.stdout.on('data', (d: Buffer) => {
          buf += d.toString();
          const lines = buf.split('\n');
          buf = lines.pop()!;
          acknowledged.push(...lines);
          seen += lines.length;
          if (seen >= 4 + round && !child.killed) setTimeout(() => child.kill('SIGKILL'), round * 7);
        });
        child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited with ${signal ?? code}`))));
        child.on('error', reject);
      });
      const s = InvocationStore.open(history, { retention: NO_LIMITS });
      recoveries.push(...s.recovery);
      // Every acknowledged record is there and readable; at most one more per kill (written, not yet printed).
      for (const id of acknowledged) expect(await s.get(id), id).toMatchObject({ id });
      expect(s.size).toBeGreaterThanOrEqual(acknowledged.length);
      expect(s.size).toBeLessThanOrEqual(acknowledged.length + round + 1);
      s.close();
    }
    const again = InvocationStore.open(history, { retention: NO_LIMITS });
    again.append(makeRecord({ id: 'after-crash' }));
    again.close();
    const last = InvocationStore.open(history, { retention: NO_LIMITS });
    expect(last.recovery).toEqual([]);
    expect(await last.get('after-crash')).toMatchObject({ id: 'after-crash' });
    last.close();
    console.log(`SIGKILL test: ${acknowledged.length} acknowledged, ${last.size - 1} recovered over 4 kills; recovery: ${recoveries.join(' | ') || 'nothing to fix'}`);
  });
});

describe('InvocationStore: deletions stay deleted', () => {
  it('records deleted at a segment\'s tail do not come back after the index is compacted', async () => {
    const s = open();
    for (let i = 0; i < 1500; i++) s.append(makeRecord({ id: `r${i}`, startedAt: at(i) }, 50));
    const doomed = Array.from({ length: 1200 }, (_, i) => `r${i + 300}`);
    expect(s.remove(doomed)).toBe(1200);
    s.close();
    // This open compacts (1,200 tombstones outweigh 300 live rows), dropping the tombstones from the index.
    const compacted = open();
    expect(compacted.size).toBe(300);
    compacted.close();
    expect(readFileSync(join(dir.path, 'index.jsonl'), 'utf8')).not.toContain('"del"');
    const again = open();
    expect(again.size).toBe(300);
    expect(await again.get('r1499')).toBeUndefined();
    expect(again.recovery).toEqual([]);
    again.close();
  });

  it('a cleared history leaves no record on disk and stays empty on reopen', async () => {
    const s = open();
    for (let i = 0; i < 20; i++) s.append(makeRecord({ id: `secret-${i}`, startedAt: at(i) }));
    s.clear();
    s.append(makeRecord({ id: 'fresh' }));
    s.close();
    const onDisk = readdirSync(dir.path)
      .filter((f) => f.endsWith('.jsonl'))
      .map((f) => readFileSync(join(dir.path, f), 'utf8'))
      .join('');
    expect(onDisk).not.toContain('secret-');
    const again = open();
    expect((await again.query({})).items.map((x) => x.id)).toEqual(['fresh']);
    again.close();
  });
});

describe('InvocationStore: two processes on one folder', () => {
  // Two stores in one process stand in for the app and the CLI: the second finds `.lock` held by a live
  // pid (ours) and opens as a guest, exactly as the CLI does while the app runs.
  it('the first opener owns the folder; a guest appends to a segment of its own and both see every record', async () => {
    const app = open();
    const cli = open();
    expect([app.owner, cli.owner]).toEqual([true, false]);
    app.append(makeRecord({ id: 'from-app-1', startedAt: at(1) }));
    cli.append(makeRecord({ id: 'from-cli', startedAt: at(2) }));
    app.append(makeRecord({ id: 'from-app-2', startedAt: at(3) }));
    expect(readdirSync(dir.path).filter((f) => f.startsWith('seg-')).sort()).toEqual(['seg-000001.jsonl', 'seg-000002.guest', 'seg-000002.jsonl']);
    expect((await app.query({})).items.map((x) => x.id)).toEqual(['from-app-2', 'from-cli', 'from-app-1']);
    expect((await cli.query({})).items.map((x) => x.id)).toEqual(['from-app-2', 'from-cli', 'from-app-1']);
    expect(await app.get('from-cli')).toMatchObject({ id: 'from-cli' });
    expect(cli.remove(['from-app-1'])).toBe(1);
    expect(await app.get('from-app-1')).toBeUndefined();
    // An owner opening while that guest still runs (the app restarted) must not append to the guest's segment.
    app.close();
    const restarted = open();
    expect(restarted.owner).toBe(true);
    restarted.append(makeRecord({ id: 'after-restart', startedAt: at(4) }));
    cli.append(makeRecord({ id: 'from-cli-2', startedAt: at(5) }));
    expect(readdirSync(dir.path).filter((f) => f.startsWith('seg-') && f.endsWith('.jsonl')).sort()).toEqual(['seg-000001.jsonl', 'seg-000002.jsonl', 'seg-000003.jsonl']);
    expect(await restarted.get('from-cli-2')).toMatchObject({ id: 'from-cli-2' });
    expect(await restarted.get('after-restart')).toMatchObject({ id: 'after-restart' });
    restarted.remove(['after-restart', 'from-cli-2']);
    cli.close();
    restarted.close();
    const later = open();
    expect(later.owner).toBe(true);
    expect((await later.query({})).items.map((x) => x.id)).toEqual(['from-app-2', 'from-cli']);
    later.close();
  });

  it('a guest leaves a torn tail alone (the owner may be writing it) and follows the owner\'s compaction', async () => {
    const first = open();
    for (let i = 0; i < 1500; i++) first.append(makeRecord({ id: `r${i}`, startedAt: at(i) }, 50));
    first.remove(Array.from({ length: 1400 }, (_, i) => `r${i}`));
    first.close();
    const seg = join(dir.path, 'seg-000001.jsonl');
    const owner = open(); // compacts: a new index.jsonl replaces the one a guest would hold
    const guest = open();
    appendFileSync(seg, '{"id":"half-writ');
    const sizeWithTail = statSync(seg).size;
    const late = open();
    expect(late.owner).toBe(false);
    expect(late.size).toBe(100);
    expect(statSync(seg).size).toBe(sizeWithTail);
    late.close();
    truncateSync(seg, sizeWithTail - '{"id":"half-writ'.length);
    owner.remove(Array.from({ length: 60 }, (_, i) => `r${1400 + i}`));
    owner.close();
    // The next owner finds an unreadable index line and rewrites index.jsonl: a new file replaces the old.
    appendFileSync(join(dir.path, 'index.jsonl'), 'not json\n');
    const compactor = open();
    expect(compactor.owner).toBe(true);
    expect(compactor.recovery.join(' ')).toMatch(/unreadable index line/);
    compactor.close();
    // The guest's descriptor points at an index file that no longer exists; it must notice, not lose appends.
    guest.append(makeRecord({ id: 'guest-after-compaction', startedAt: at(2000) }));
    expect(guest.size).toBe(41);
    guest.close();
    const check = open();
    expect(check.size).toBe(41);
    expect(await check.get('guest-after-compaction')).toMatchObject({ id: 'guest-after-compaction' });
    check.close();
  });

  it('a guest whose segment emptied keeps its later records: the owner leaves a running guest\'s file alone', async () => {
    const owner = open();
    const guest = open();
    guest.append(makeRecord({ id: 'g1', startedAt: at(1) }));
    owner.clear();
    guest.append(makeRecord({ id: 'g2', startedAt: at(2) }));
    expect(owner.remove(['g2'])).toBe(1);
    guest.append(makeRecord({ id: 'g3', startedAt: at(3) }));
    expect(await guest.get('g3')).toMatchObject({ id: 'g3' });
    expect(await owner.get('g3')).toMatchObject({ id: 'g3' });
    guest.close();
    owner.close();
    const later = open();
    expect((await later.query({})).items.map((x) => x.id)).toEqual(['g3']);
    later.close();
  });

  it('a segment a guest appended to and then closed is not deleted while the owner has not read its last rows', async () => {
    const owner = open();
    const writer = open();
    const deleter = open();
    writer.append(makeRecord({ id: 'w1', startedAt: at(1) }));
    expect(owner.size).toBe(1); // the owner has read w1's row
    // The index now says: w1's row, then w1's tombstone, then w2's row. The owner reads them in that order: when
    // the tombstone empties the writer's segment as far as it knows, the writer is gone (its mark with it).
    expect(deleter.remove(['w1'])).toBe(1);
    writer.append(makeRecord({ id: 'w2', startedAt: at(2) }));
    writer.close();
    deleter.close();
    expect(owner.size).toBe(1);
    expect(await owner.get('w2')).toMatchObject({ id: 'w2' });
    owner.close();
    const later = open();
    expect((await later.query({})).items.map((x) => x.id)).toEqual(['w2']);
    later.close();
  });

  it('takes over a lock left by a process that died', async () => {
    const dead = spawn(process.execPath, ['-e', '0']);
    const pid = dead.pid!;
    await new Promise((resolve) => dead.on('exit', resolve));
    writeFileSync(join(dir.path, '.lock'), String(pid));
    const s = open();
    expect(s.owner).toBe(true);
    expect(readFileSync(join(dir.path, '.lock'), 'utf8')).toMatch(new RegExp(`^${process.pid} `));
    s.close();
    expect(existsSync(join(dir.path, '.lock'))).toBe(false);
  });
});

/**
 * A history folder this process cannot write. Root ignores permissions, so the root-proof cases use failures
 * root gets too (a folder or file in the way); the read-only folder itself (EACCES) runs when not root, and
 * test/integration/cli-storage.test.ts runs the built CLI as an unprivileged user when the tests run as root.
 */
describe('InvocationStore: a folder it cannot write', () => {
  it('tryOwn returns null, leaving no lock, when it cannot write its lock candidate', () => {
    mkdirSync(join(dir.path, `.lock.${process.pid}`)); // EISDIR, for root too
    expect(tryOwn(dir.path)).toBeNull();
    expect(existsSync(join(dir.path, '.lock'))).toBe(false);
  });

  it('with a file where the folder should be, opens as an empty history whose changes fail with storage-unwritable', () => {
    const blocked = join(dir.path, 'history');
    writeFileSync(blocked, 'not a folder');
    const s = InvocationStore.open(blocked, { retention: { maxRecords: 1, maxAgeDays: null, maxTotalBytes: null } });
    expect(s.owner).toBe(false);
    expect(s.size).toBe(0);
    const failed = (() => {
      try {
        s.append(makeRecord());
      } catch (e) {
        return e;
      }
    })();
    expect(appErrorOf(failed)).toEqual({
      code: 'storage-unwritable',
      message: expect.stringMatching(new RegExp(`^Could not save this invocation in the history: ${blocked} cannot be written \\((ENOTDIR|EEXIST): .*\\)\\. Nothing was changed\\. Fix: make ${blocked} writable`)),
    });
    expect(() => s.clear()).toThrow(/Could not save the cleared history/);
    expect(readFileSync(blocked, 'utf8')).toBe('not a folder');
    s.close();
  });

  it.skipIf(IS_ROOT)('a read-only folder (EACCES; skipped as root, which ignores permissions) still reads; changes fail typed and nothing changes', async () => {
    const before = open();
    for (let i = 0; i < 3; i++) before.append(makeRecord({ id: `r${i}`, startedAt: at(i) }));
    before.close();
    const files = () => readdirSync(dir.path).sort().map((n) => `${n}:${statSync(join(dir.path, n)).size}`);
    const snapshot = files();
    // Read-only through and through, as a read-only disk or `chmod -R a-w` leaves it.
    for (const n of readdirSync(dir.path)) chmodSync(join(dir.path, n), 0o444);
    chmodSync(dir.path, 0o555);
    try {
      // Retention wants two of them gone: done in memory only, with no error, since the folder refuses it.
      const s = InvocationStore.open(dir.path, { retention: { maxRecords: 1, maxAgeDays: null, maxTotalBytes: null } });
      expect(s.owner).toBe(false);
      expect((await s.query({})).items.map((x) => x.id)).toEqual(['r2']);
      expect(() => s.append(makeRecord())).toThrow(new RegExp(`Could not save this invocation in the history: ${dir.path} cannot be written \\(EACCES: permission denied\\)`));
      expect(() => s.remove(['r2'])).toThrow(/Could not save the deletion from the history: .*EACCES/);
      expect(await s.get('r2')).toMatchObject({ id: 'r2' });
      s.close();
      expect(files()).toEqual(snapshot);
    } finally {
      chmodSync(dir.path, 0o755);
    }
  });
});
