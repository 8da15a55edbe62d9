/**
 * History store at scale: append latency and first-page (filtered) query time with 1k, 50k and 200k stored
 * invocations of ~4 KB, as ratios against the 1k figures of the same run; peak RSS while browsing 200k.
 * Records are generated in bulk through the store's own append path (`appendMany`, batches of 1,000).
 * Prints a table; asserts only that the data is there (no timing assertions).
 */
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { InvocationStore } from '../../electron/services/history/invocation-store';
import type { InvocationRecord } from '../../shared/delivery/invocation';
import { makeFailure, makeRecord } from '../support/invocation-fixtures';
import { tempDir } from '../support/temp-dir';

const NO_LIMITS = { maxRecords: null, maxAgeDays: null, maxTotalBytes: null };
const WEBHOOKS = 20;
let dir: { path: string; cleanup: () => Promise<void> };
beforeAll(async () => (dir = await tempDir('hooksmith-history-bench-')));
afterAll(() => dir.cleanup());

const t0 = Date.UTC(2025, 0, 1);
const template = makeRecord();
const failure = makeFailure();
let seq = 0;
/** A realistic record: 20 webhooks, ~10 % failures, one second apart. */
function next(): InvocationRecord {
  const i = seq++;
  const base = i % 10 === 3 ? failure : template;
  return { ...base, id: `b-${i}`, webhookId: `wh-${i % WEBHOOKS}`, webhookName: `Hook${i % WEBHOOKS}`, startedAt: new Date(t0 + i * 1000).toISOString(), durationMs: 20 + (i % 97) };
}

function fill(store: InvocationStore, upTo: number): void {
  while (store.size < upTo) {
    const batch: InvocationRecord[] = [];
    for (let i = 0; i < Math.min(1000, upTo - store.size); i++) batch.push(next());
    store.appendMany(batch);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;

function measureAppends(store: InvocationStore, n = 500): { median: number; p95: number } {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = next();
    const s = performance.now();
    store.append(r);
    times.push(performance.now() - s);
  }
  return { median: median(times), p95: p95(times) };
}

/** The first page of a filtered, default-sorted history: failures of one webhook, newest first. */
async function measureFirstPage(store: InvocationStore, n = 20): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    const page = await store.query({ webhookId: 'wh-3', outcome: 'Failure', limit: 100 });
    times.push(performance.now() - s);
    expect(page.items.length).toBeGreaterThan(0);
  }
  return median(times);
}

it('append and first-page query stay flat from 1k to 200k invocations', async () => {
  const store = InvocationStore.open(dir.path, { retention: NO_LIMITS });
  const rows: { n: number; appendMedian: number; appendP95: number; firstPage: number; fillS: number }[] = [];
  for (const n of [1_000, 50_000, 200_000]) {
    const s = performance.now();
    fill(store, n);
    const fillS = (performance.now() - s) / 1000;
    measureAppends(store, 200); // warm-up
    const a = measureAppends(store);
    rows.push({ n, appendMedian: a.median, appendP95: a.p95, firstPage: await measureFirstPage(store), fillS });
  }
  const base = rows[0]!;
  const recordBytes = store.diskBytes() / store.size;
  console.log(`\nHistory store, records of ~${(recordBytes / 1024).toFixed(1)} KB on disk (${(store.diskBytes() / 1e6).toFixed(0)} MB at ${store.size})`);
  console.log('stored    append median   ratio   append p95   first page (filtered)   ratio   bulk fill');
  for (const r of rows) {
    console.log(
      `${String(r.n).padStart(7)}   ${r.appendMedian.toFixed(3).padStart(9)} ms   ${(r.appendMedian / base.appendMedian).toFixed(2).padStart(5)}   ${r.appendP95.toFixed(3).padStart(7)} ms   ${r.firstPage.toFixed(2).padStart(15)} ms       ${(r.firstPage / base.firstPage).toFixed(2).padStart(5)}   ${r.fillS.toFixed(1)} s`,
    );
  }
  store.close();

  // Browsing 200k from a fresh open: load the index, page through filters and sorts, one full-text search.
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
  const s0 = performance.now();
  const reopened = InvocationStore.open(dir.path, { retention: NO_LIMITS });
  const openMs = performance.now() - s0;
  sample();
  const timings: Record<string, number> = {};
  const timed = async (name: string, q: Parameters<InvocationStore['query']>[0]) => {
    const s = performance.now();
    const page = await reopened.query(q);
    timings[name] = performance.now() - s;
    sample();
    return page;
  };
  let page = await timed('newest 100, no filter', { limit: 100 });
  for (let i = 0; i < 5 && page.nextCursor; i++) page = await timed(`next page ${i + 1}`, { limit: 100, cursor: page.nextCursor });
  await timed('failures, status 5xx', { outcome: 'Failure', status: '5xx', limit: 100 });
  await timed('sorted by duration', { sort: 'duration', limit: 100 });
  // Text search newest first stops reading once the page is full; a term found nowhere, or a sort other than
  // time, must read every candidate.
  const hit = await timed('text search, first page, one webhook (~10k)', { text: 'database unavailable', webhookId: 'wh-3', limit: 100 });
  expect(hit.items.length).toBeGreaterThan(0);
  const all = await timed('text search, first page, all 200k', { text: 'database unavailable', limit: 100 });
  expect(all.items).toHaveLength(100);
  const none = await timed('text search, no match, all 200k (reads all)', { text: 'no such text anywhere', limit: 100 });
  expect(none.total).toBe(0);
  const counted = await timed('text search sorted by duration, all 200k (reads all)', { text: 'database unavailable', sort: 'duration', limit: 100 });
  expect(counted.total).toBeGreaterThanOrEqual(all.total);
  const rec = await reopened.get('b-123456');
  expect(rec?.id).toBe('b-123456');
  sample();
  console.log(`\nBrowsing ${reopened.size} from a fresh open: open (index load) ${openMs.toFixed(0)} ms`);
  for (const [k, v] of Object.entries(timings)) console.log(`  ${k.padEnd(30)} ${v.toFixed(1)} ms`);
  console.log(`  peak RSS while browsing: ${(peak / 1e6).toFixed(0)} MB (before open ${(rssBefore / 1e6).toFixed(0)} MB; heap used ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB)`);
  reopened.close();
});
