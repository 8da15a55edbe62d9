/**
 * Issue 10, "Faster where support staff actually search": the hash-index lookups (webhook, request id, requester)
 * and the byte-level text search must find exactly what a plain pass over every record finds, on a varied store
 * (several segments, late rows, deletions, a reopen, mixed case, non-ASCII, a line bigger than a read window),
 * and a search must stop when cancelled while letting other work run between its reads.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InvocationRecord } from '../../../shared/delivery/invocation';
import { searchableText } from '../../../shared/history/summary';
import { bucketStats } from '../../../shared/history/stats';
import type { HistoryQuery } from '../../../shared/history/types';
import { makeFailure, makeRecord } from '../../../test/support/invocation-fixtures';
import { tempDir } from '../../../test/support/temp-dir';
import { requestKeysOf } from './index-columns';
import { InvocationStore } from './invocation-store';
import { lowerAscii, rangesContaining } from './line-files';

let dir: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => (dir = await tempDir('hooksmith-history-search-')));
afterEach(() => dir.cleanup());

const NO_LIMITS = { maxRecords: null, maxAgeDays: null, maxTotalBytes: null };
const open = () => InvocationStore.open(dir.path, { retention: NO_LIMITS, maxSegmentBytes: 64 * 1024 });
const at = (i: number) => new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString();

const WORDS = ['Alpha', 'BRAVO', 'charlie', 'Déjà vu', 'naïve', 'Zürich', 'Ünïcode', 'kelvin', 'timeout', 'Database Unavailable'];

/** Record `i` of a varied store: bodies with mixed-case words, non-ASCII, quotes; failures; three webhooks. */
function varied(i: number, startIndex = i): InvocationRecord {
  const email = ['Ada@Example.com', 'bob@example.com', 'carol@example.org'][i % 3]!;
  const event = { event_type: 'RequestCreated', data: { id: `req-${i % 17}`, friendly_id: `AR-${i % 17}`, requester: { email } } };
  const base = i % 7 === 3 ? makeFailure() : makeRecord({}, 50 + (i % 5) * 40);
  const rec: InvocationRecord = { ...base, id: `r${i}`, webhookId: `wh-${i % 3}`, webhookName: `Hook${i % 3}`, startedAt: at(startIndex), event };
  const body = JSON.stringify({ note: `${WORDS[i % WORDS.length]} number ${i}`, quoted: `say "${WORDS[(i * 3) % WORDS.length]}"`, path: 'a\\b' });
  rec.request!.body = body; // the same object as the step's request
  rec.renderedBody = body;
  if (i % 11 === 5) rec.request!.headers.push(['X-Trace', `Trace-${i}-MixedCase`]);
  return rec;
}

/** What a pass over every record finds, newest first (the reference the store must equal). */
function expected(records: Map<string, InvocationRecord>, keep: (r: InvocationRecord) => boolean): string[] {
  return [...records.values()]
    .filter(keep)
    .sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt) || (a.id < b.id ? 1 : -1))
    .map((r) => r.id);
}

const ids = async (s: InvocationStore, q: HistoryQuery) => (await s.query({ limit: 1000, ...q })).items.map((x) => x.id);

/** Builds the varied store: appends, late (out of time order) rows, deletions; returns the live records. */
function build(s: InvocationStore): Map<string, InvocationRecord> {
  const live = new Map<string, InvocationRecord>();
  for (let i = 0; i < 240; i++) {
    // Every 13th record started 30 s before the one appended before it: a late row inserted mid-index.
    const rec = varied(i, i % 13 === 0 && i > 40 ? i - 29.5 : i);
    s.append(rec);
    live.set(rec.id, rec);
  }
  const gone = ['r7', 'r50', 'r51', 'r199', 'r238'];
  s.remove(gone);
  for (const id of gone) live.delete(id);
  // A line bigger than a 4 MB read window, with the term at its very end.
  const big = varied(300);
  big.request!.body = 'z'.repeat(4.5 * 1024 * 1024) + ' NeedleAtTheEnd';
  big.renderedBody = big.request!.body;
  s.append(big);
  live.set(big.id, big);
  return live;
}

const TERMS = ['alpha', 'BRAVO', 'ChArLiE', 'déjà', 'ZÜRICH', 'database unavailable', 'trace-16-mixedcase', 'content-type: application/json', 'content-type: text/xml', 'x-trace: trace-16-mixedcase', 'HTTPS://hooks.example', 'user-agent:', '"bravo"', 'a\\b', 'number 12', 'needleattheend', 'no such text anywhere', 'event_type', 'hooks.example.com', ':'];

describe('lookups by hash index', () => {
  it('find what a pass over every record finds: by webhook, request id, requester, combined with other filters, after late rows, deletions and a reopen', async () => {
    let s = open();
    const live = build(s);
    const check = async () => {
      for (let w = 0; w < 3; w++) expect(await ids(s, { webhookId: `wh-${w}` })).toEqual(expected(live, (r) => r.webhookId === `wh-${w}`));
      for (const k of ['AR-3', 'ar-16', 'req-5', ' REQ-0 ']) {
        const want = k.trim().toLowerCase();
        expect(await ids(s, { requestId: k })).toEqual(expected(live, (r) => (requestKeysOf(r.event) ?? []).slice(0, 2).includes(want)));
      }
      for (const who of ['ada@example.com', 'BOB@example.com']) {
        expect(await ids(s, { requester: who })).toEqual(expected(live, (r) => requestKeysOf(r.event)?.[2] === who.toLowerCase()));
      }
      // A request id is not a requester: the shared key table must not mix the columns up.
      expect(await ids(s, { requester: 'AR-3' })).toEqual([]);
      expect(await ids(s, { requestId: 'ada@example.com' })).toEqual([]);
      expect(await ids(s, { requestId: 'AR-4', webhookId: 'wh-1', outcome: 'Success' })).toEqual(
        expected(live, (r) => r.webhookId === 'wh-1' && r.outcome === 'Success' && requestKeysOf(r.event)?.[0] === 'ar-4'),
      );
      const points = [...live.values()]
        .filter((r) => r.webhookId === 'wh-1')
        .sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt))
        .map((r) => ({ t: Date.parse(r.startedAt), ok: r.outcome === 'Success', durationMs: r.durationMs }));
      expect(s.stats('wh-1', undefined, 60_000)).toEqual(bucketStats('wh-1', points, 60_000));
      expect((await s.query({ requester: 'carol@example.org', sort: 'duration', limit: 1000 })).total).toBe(expected(live, (r) => requestKeysOf(r.event)?.[2] === 'carol@example.org').length);
    };
    await check();
    s.close();
    s = open();
    await check();
    s.close();
  });
});

describe('text search on raw bytes', () => {
  it('finds exactly the records whose searchable text holds the term (any case), newest first and in other sorts, with filters', async () => {
    const s = open();
    const live = build(s);
    for (const term of TERMS) {
      const needle = term.toLowerCase();
      const want = expected(live, (r) => searchableText(r).includes(needle));
      expect({ term, got: await ids(s, { text: term }) }).toEqual({ term, got: want });
      const page = await s.query({ text: term, sort: 'duration', limit: 1000 });
      expect({ term, total: page.total }).toEqual({ term, total: want.length });
      expect({ term, got: await ids(s, { text: term, webhookId: 'wh-2' }) }).toEqual({ term, got: expected(live, (r) => r.webhookId === 'wh-2' && searchableText(r).includes(needle)) });
    }
    // Some terms must really match, or the comparison above proves little.
    expect(await ids(s, { text: 'alpha' })).not.toHaveLength(0);
    expect(await ids(s, { text: 'content-type: application/json' })).toHaveLength(live.size);
    expect(await ids(s, { text: 'NEEDLEATTHEEND' })).toEqual(['r300']);
    s.close();
  });

  it('stops with the signal reason when cancelled, lets other work run between reads, and the store answers afterwards', async () => {
    const s = open();
    for (let i = 0; i < 400; i++) s.append(varied(i));
    // Other work runs while a full scan (a term found nowhere) reads its segments.
    let ticks = 0;
    let scanning = true;
    const tick = () => {
      ticks++;
      if (scanning) setImmediate(tick);
    };
    setImmediate(tick);
    const full = await s.query({ text: 'no such text anywhere', limit: 10 });
    scanning = false;
    expect(full.total).toBe(0);
    expect(ticks).toBeGreaterThan(1);

    const controller = new AbortController();
    const reason = new Error('the user typed another term');
    const search = s.query({ text: 'no such text anywhere', limit: 10 }, controller.signal);
    setImmediate(() => controller.abort(reason));
    await expect(search).rejects.toBe(reason);
    const already = new AbortController();
    already.abort(reason);
    await expect(s.query({ text: 'alpha', sort: 'duration' }, already.signal)).rejects.toBe(reason);
    expect((await s.query({ text: 'alpha', limit: 1000 })).total).toBeGreaterThan(0);
    s.close();
  });
});

describe('byte helpers', () => {
  it('lowerAscii lower-cases exactly the ASCII letters, at any alignment', () => {
    const all = Buffer.alloc(1027);
    for (let i = 0; i < all.length; i++) all[i] = (i * 37) & 0xff;
    for (const shift of [0, 1, 2, 3]) {
      const src = all.subarray(shift);
      const dst = Buffer.alloc(src.length);
      lowerAscii(src, dst, src.length);
      const want = Buffer.from(src.map((b) => (b >= 0x41 && b <= 0x5a ? b + 0x20 : b)));
      expect(dst.equals(want)).toBe(true);
    }
  });

  it('rangesContaining reports only listed lines holding the needle, once each, across windows', async () => {
    const lines = ['first Needle line', 'unlisted NEEDLE line', 'needle twice needle', 'nothing here', 'x'.repeat(5 * 1024 * 1024) + 'nEeDlE', 'last'];
    const path = join(dir.path, 'lines.jsonl');
    writeFileSync(path, lines.map((l) => l + '\n').join(''));
    const ranges: { offset: number; length: number; n: number }[] = [];
    let offset = 0;
    lines.forEach((l, n) => {
      if (n !== 1) ranges.push({ offset, length: l.length + 1, n });
      offset += l.length + 1;
    });
    const hits: number[] = [];
    await rangesContaining(path, ranges, Buffer.from('needle'), (i, bytes) => {
      expect(bytes.toString('latin1')).toBe(lines[ranges[i]!.n] + '\n');
      hits.push(ranges[i]!.n);
    });
    expect(hits).toEqual([0, 2, 4]);
  });

  it('rangesContaining takes the needle literally, matches ASCII letters in either case and nothing else, and checks alsoIn per line', async () => {
    // Regex-special characters are literal; a UTF-8 Kelvin sign (K) or a Latin-1 letter is no ASCII letter.
    const lines = ['a.b(c)[d]*+?$ here', 'axb(c)[d]*+?$ not', 'A.B(C)[D]*+?$ upper', '\u212a only', 'K.x', 'ÿ and Ÿ', 'A.B(C)[D]*+?$ with Content-Type'];
    const path = join(dir.path, 'special.jsonl');
    const bytes = lines.map((l) => Buffer.from(l + '\n', 'utf8'));
    writeFileSync(path, Buffer.concat(bytes));
    const ranges: { offset: number; length: number }[] = [];
    let offset = 0;
    for (const b of bytes) {
      ranges.push({ offset, length: b.length });
      offset += b.length;
    }
    const hitsFor = async (needle: string, alsoIn: string[] = []) => {
      const hits: number[] = [];
      await rangesContaining(path, ranges, Buffer.from(needle), (i) => hits.push(i), undefined, alsoIn.map((p) => Buffer.from(p)));
      return hits;
    };
    expect(await hitsFor('a.b(c)[d]*+?$')).toEqual([0, 2, 6]);
    expect(await hitsFor('k')).toEqual([4]);
    expect(await hitsFor('a.b(c)[d]*+?$', ['content-type'])).toEqual([6]);
    expect(await hitsFor('\\')).toEqual([]);
  });
});
