/**
 * Queries over the in-memory index: filters are a tight loop over typed arrays; only full-text search reads
 * records, streaming each segment through a bounded window and parsing only lines that may match.
 */
import { lineMayContain, searchableText } from '../../../shared/history/summary';
import { bucketStats, type StatsPoint } from '../../../shared/history/stats';
import type { HistoryPage, HistoryQuery, WebhookStats } from '../../../shared/history/types';
import { DEAD, type IndexColumns } from './index-columns';
import { rangesContaining, readRanges } from './line-files';
import { decodeRecord } from './record-codec';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

function instant(v: string | number | undefined): number | undefined {
  if (v === undefined) return undefined;
  const t = typeof v === 'number' ? v : Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
}

/** `404` → [404, 404]; `'4xx'` → [400, 499]; `0` → "no response". */
function statusRange(v: number | string | undefined): [number, number] | undefined {
  if (v === undefined) return undefined;
  const m = /^([1-5])xx$/i.exec(String(v));
  if (m) return [Number(m[1]) * 100, Number(m[1]) * 100 + 99];
  const n = Number(v);
  return Number.isInteger(n) ? [n, n] : [-1, -1];
}

/** The interned name indices equal to `name` ignoring case (names are interned as recorded, case and all). */
function namesLike(c: IndexColumns, name: string): Set<number> {
  const lower = name.toLowerCase();
  const out = new Set<number>();
  c.names.values.forEach((v, i) => {
    if (i > 0 && v.toLowerCase() === lower) out.add(i);
  });
  return out;
}

/**
 * The fewest rows that can match, from the hash indexes (webhook, request id, requester), ascending; `undefined`
 * when no indexed filter is set and every row must be looked at.
 */
function candidates(c: IndexColumns, wh: number, req: number, who: number): readonly number[] | undefined {
  let best: readonly number[] | undefined;
  for (const list of [wh >= 0 ? c.byWebhook.rows(wh) : undefined, req >= 0 ? c.byRequestKey.rows(req) : undefined, who >= 0 ? c.byRequestKey.rows(who) : undefined]) {
    if (list && (!best || list.length < best.length)) best = list;
  }
  return best;
}

/** Rows that pass every filter except text, in row (time) order: O(matches) when an indexed filter is set. */
function filterRows(c: IndexColumns, q: HistoryQuery): Uint32Array {
  const wh = q.webhookId === undefined ? -1 : (c.webhooks.find(q.webhookId) ?? -2);
  const tr = q.trigger === undefined ? -1 : (c.triggers.find(q.trigger) ?? -2);
  const names = q.webhookName === undefined ? undefined : namesLike(c, q.webhookName);
  // Request keys are interned lower-cased: one lookup, then a compare of numbers per row.
  const key = (v: string | undefined) => (v === undefined ? -1 : (c.requestKeys.find(v.trim().toLowerCase()) ?? -2));
  const req = key(q.requestId);
  const who = key(q.requester);
  if (wh === -2 || tr === -2 || req === -2 || who === -2 || names?.size === 0) return new Uint32Array(0);
  const ok = q.outcome === undefined ? -1 : q.outcome === 'Success' ? 1 : 0;
  const since = instant(q.since) ?? -Infinity;
  const until = instant(q.until) ?? Infinity;
  const [sLo, sHi] = statusRange(q.status) ?? [-1, -1];
  const anyStatus = q.status === undefined;
  const { flags, webhook, trigger, time, status } = c;
  const from = candidates(c, wh, req, who);
  const n = from ? from.length : c.count;
  const out = new Uint32Array(n);
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const r = from ? from[i]! : i;
    if (flags[r]! & DEAD) continue;
    if (wh >= 0 && webhook[r] !== wh) continue;
    if (names && !names.has(c.name[r]!)) continue;
    if (tr >= 0 && trigger[r] !== tr) continue;
    if (req >= 0 && c.friendlyId[r] !== req && c.requestId[r] !== req) continue;
    if (who >= 0 && c.requester[r] !== who) continue;
    if (ok >= 0 && c.ok[r] !== ok) continue;
    const t = time[r]!;
    if (t < since || t >= until) continue;
    if (!anyStatus && (status[r]! < sLo || status[r]! > sHi)) continue;
    out[kept++] = r;
  }
  return out.subarray(0, kept);
}

/**
 * What every raw line holding a match of `needle` (lower-cased) must contain, for a byte search of the segment
 * files: a probe looked for in whole windows, and other pieces the line must hold too; `undefined` when no plain
 * ASCII probe exists (non-ASCII, or characters JSON escapes), and lines are then checked one by one. Searchable
 * text writes a header as `name: value`, a line as `["name","value"]`: so a needle is cut at colons (and the space
 * after one), its longest piece is the probe and the others must be in the same line.
 */
function probeFor(needle: string): { probe: Buffer; alsoIn: Buffer[] } | undefined {
  if (!/^[\x20-\x7e]+$/.test(needle) || /["\\]/.test(needle)) return undefined;
  const pieces = needle
    .split(':')
    .map((p, i) => (i > 0 && p.startsWith(' ') ? p.slice(1) : p))
    .filter((p) => p !== '')
    .sort((a, b) => b.length - a.length);
  if (!pieces.length) return undefined;
  const [probe, ...rest] = pieces.map((p) => Buffer.from(p, 'latin1'));
  return { probe: probe!, alsoIn: rest };
}

/**
 * How long a search checks lines before it lets other work run. Reading a window costs little (a lower-casing pass
 * and a byte search), but parsing its candidate lines can cost much more: a term whose pieces are in every record
 * (`name: value`) parses each one, ~2 ms for a 200 KB record. So lines are collected while a batch of about one
 * window is read and parsed afterwards in slices of this length, with a turn of the event loop between slices:
 * other calls to the backend wait about one slice, however the search goes. Parsing by batch rather than by
 * segment also lets the copied lines die young (a 200k search ran ~20 % faster, with shorter full GCs).
 */
const SLICE_MS = 8;
/** Bytes of records read before the candidates among them are parsed: one read window of the line files. */
const BATCH_BYTES = 4 * 1024 * 1024;

/** Runs `work` on each item, yielding to the event loop (and checking `signal`) whenever a slice is used up. */
async function inSlices<T>(items: readonly T[], work: (item: T) => void, signal?: AbortSignal): Promise<void> {
  let sliceStart = performance.now();
  for (const item of items) {
    work(item);
    if (performance.now() - sliceStart < SLICE_MS) continue;
    await new Promise<void>((resolve) => setImmediate(resolve));
    signal?.throwIfAborted();
    sliceStart = performance.now();
  }
}

/** Keeps the rows whose URL, headers or bodies contain `text` (case-insensitive). */
async function textFilter(c: IndexColumns, rows: Uint32Array, text: string, segPath: (seg: number) => string, signal?: AbortSignal): Promise<Uint32Array> {
  const needle = text.toLowerCase();
  const bySeg = new Map<number, number[]>();
  for (const r of rows) {
    const seg = c.segment[r]!;
    let list = bySeg.get(seg);
    if (!list) bySeg.set(seg, (list = []));
    list.push(r);
  }
  const keep = new Uint8Array(c.count);
  const probe = probeFor(needle);
  const check = ({ row, line }: { row: number; line: string }) => {
    try {
      if (searchableText(decodeRecord(line)).includes(needle)) keep[row] = 1;
    } catch {
      /* an unreadable line matches nothing */
    }
  };
  for (const [seg, list] of bySeg) {
    list.sort((a, b) => c.offset[a]! - c.offset[b]!);
    // A batch at a time, about one read window: the lines that may match are held only until it is parsed.
    for (let first = 0; first < list.length; ) {
      signal?.throwIfAborted();
      const start = c.offset[list[first]!]!;
      let end = first + 1;
      while (end < list.length && c.offset[list[end]!]! + c.length[list[end]!]! - start <= BATCH_BYTES) end++;
      const batch = list.slice(first, end);
      first = end;
      const ranges = batch.map((r) => ({ offset: c.offset[r]!, length: c.length[r]! }));
      // Lines that may match, as text (a copy: the read buffers are reused), parsed once the batch is read.
      const candidates: { row: number; line: string }[] = [];
      const collect = (i: number, bytes: Buffer) => {
        const line = bytes.toString('utf8');
        if (probe || lineMayContain(line.toLowerCase(), needle)) candidates.push({ row: batch[i]!, line });
      };
      try {
        if (probe) await rangesContaining(segPath(seg), ranges, probe.probe, collect, signal, probe.alsoIn);
        else await readRanges(segPath(seg), ranges, collect, () => signal?.throwIfAborted());
      } catch (e) {
        if (signal?.aborted) throw e;
        break; /* the segment was dropped by retention meanwhile: its rows are gone */
      }
      await inSlices(candidates, check, signal);
    }
  }
  return rows.filter((r) => keep[r] === 1);
}

/** The sort key of a row, as a number (webhook names sort by their rank among all names). */
function sortKey(c: IndexColumns, sort: NonNullable<HistoryQuery['sort']>): (r: number) => number {
  switch (sort) {
    case 'duration':
      return (r) => c.duration[r]!;
    case 'status':
      return (r) => c.status[r]!;
    case 'webhook': {
      const names = c.names.values;
      const order = names.map((_, i) => i).sort((a, b) => names[a]!.localeCompare(names[b]!, undefined, { sensitivity: 'base' }));
      const rank = new Uint32Array(names.length);
      order.forEach((nameIdx, pos) => (rank[nameIdx] = pos));
      return (r) => rank[c.name[r]!]!;
    }
    default:
      return (r) => c.time[r]!;
  }
}

/**
 * Rows read per step of an incremental search: the first step is enough to fill a page for common terms; each
 * step without a full page reads twice as many, up to the last, so a rare term reads long sequential stretches.
 */
const SEARCH_STEP = 2048;
const MAX_SEARCH_STEP = 65_536;

/**
 * Full-text search in time order, reading only as far as the page needs: newest (or oldest) first, a step at a
 * time, stopping once `limit + 1` matches are found. Rows are kept in time order, so the cursor is just a row
 * index; it also carries how many matches earlier pages found, so `total` grows page by page.
 */
async function searchByTime(c: IndexColumns, q: HistoryQuery, rows: Uint32Array, text: string, segPath: (seg: number) => string, signal?: AbortSignal): Promise<HistoryPage> {
  const desc = q.direction !== 'asc';
  const limit = Math.min(Math.max(1, q.limit ?? DEFAULT_LIMIT), MAX_LIMIT);
  const cursor = q.cursor ? /^s:(\d+):(\d+)$/.exec(q.cursor) : null;
  const before = cursor ? Number(cursor[2]) : 0;
  // Position in `rows` (ascending row indices) to continue from, exclusive of the cursor's row.
  let lo = 0;
  let hi = rows.length;
  const cr = cursor ? Number(cursor[1]) : desc ? Infinity : -1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]! < cr || (!desc && rows[mid] === cr)) lo = mid + 1;
    else hi = mid;
  }
  let next = desc ? lo - 1 : lo;
  const found: number[] = [];
  for (let size = SEARCH_STEP; found.length <= limit && (desc ? next >= 0 : next < rows.length); size = Math.min(MAX_SEARCH_STEP, size * 2)) {
    const step = desc ? rows.slice(Math.max(0, next - size + 1), next + 1).reverse() : rows.slice(next, next + size);
    next += desc ? -step.length : step.length;
    found.push(...(await textFilter(c, step, text, segPath, signal)));
  }
  const done = desc ? next < 0 : next >= rows.length;
  const items = found.slice(0, limit).map((r) => c.summary(r));
  const page: HistoryPage = { items, total: before + found.length };
  if (!done) page.totalAtLeast = true;
  if (found.length > limit) page.nextCursor = `s:${found[limit - 1]}:${before + limit}`;
  return page;
}

/**
 * Filters, sorts and pages; `total` counts every match (see {@link searchByTime} for text search by time). A text
 * search yields to other work between read windows and stops with the signal's reason when it is aborted.
 */
export async function queryIndex(c: IndexColumns, q: HistoryQuery, segPath: (seg: number) => string, signal?: AbortSignal): Promise<HistoryPage> {
  let rows = filterRows(c, q);
  const text = q.text?.trim();
  if (text && (q.sort ?? 'time') === 'time' && q.offset === undefined) return searchByTime(c, q, rows, text, segPath, signal);
  if (text) rows = await textFilter(c, rows, text, segPath, signal);
  const sort = q.sort ?? 'time';
  const dir = q.direction === 'asc' ? 1 : -1;
  const key = sortKey(c, sort);
  // Rows are kept in time order (see `IndexColumns.insertByTime`), so "by time" needs no sort at all.
  const ordered = sort === 'time' ? rows : rows.slice().sort((a, b) => key(a) - key(b) || a - b);
  const at = (i: number) => (dir === 1 ? ordered[i]! : ordered[ordered.length - 1 - i]!);
  const limit = Math.min(Math.max(1, q.limit ?? DEFAULT_LIMIT), MAX_LIMIT);

  let start = Math.max(0, q.offset ?? 0);
  const cursor = q.cursor ? /^(-?[\d.e+-]+):(\d+)$/.exec(q.cursor) : null;
  if (cursor) {
    // First position strictly after (key, row) in the requested direction: binary search in the sorted view.
    const ck = Number(cursor[1]);
    const cr = Number(cursor[2]);
    const after = (r: number) => {
      const d = (key(r) - ck) * dir || (r - cr) * dir;
      return d > 0;
    };
    let lo = 0;
    let hi = ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (after(at(mid))) hi = mid;
      else lo = mid + 1;
    }
    start = lo;
  }
  const items = [];
  for (let i = start; i < Math.min(ordered.length, start + limit); i++) items.push(c.summary(at(i)));
  const page: HistoryPage = { items, total: ordered.length };
  const end = start + items.length;
  if (end < ordered.length && items.length) {
    const last = at(end - 1);
    page.nextCursor = `${key(last)}:${last}`;
  }
  return page;
}

/** Chart data for one webhook. */
export function statsFor(c: IndexColumns, webhookId: string, since?: number, bucketMs?: number): WebhookStats {
  const wh = c.webhooks.find(webhookId);
  const points: StatsPoint[] = [];
  if (wh !== undefined) {
    // The webhook's rows from the hash index, in time order: the cost follows its invocations, not the history.
    for (const r of c.byWebhook.rows(wh)) {
      if (!c.isLive(r)) continue;
      if (since !== undefined && c.time[r]! < since) continue;
      points.push({ t: c.time[r]!, ok: c.ok[r] === 1, durationMs: c.duration[r]! });
    }
  }
  return bucketStats(webhookId, points, bucketMs);
}
