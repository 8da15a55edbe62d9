/**
 * History store at scale: append latency and first-page (filtered) query time with 1k, 50k and 200k stored
 * invocations of ~4 KB, as ratios against the 1k figures of the same run; peak RSS while browsing 200k.
 * Records are generated in bulk through the store's own append path (`appendMany`, batches of 1,000).
 * Then, at 200k: lookups by request id, requester email and webhook, and a search that matches nothing, as
 * ratios against a raw read of the same segment files; how long other API calls (and the page) take in browser
 * mode while that search runs, through `out/main/web.js` with its backend thread and, for comparison, with the
 * backend in the server's own thread (run `npm run build` first); and what the durability promise (fsync before a delivery is shown) costs per append.
 * Prints tables; asserts only that the data is there (no timing assertions).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createBackend } from '../../electron/services/backend';
import { InvocationStore } from '../../electron/services/history/invocation-store';
import { writeHistorySettings } from '../../electron/services/history/settings-file';
import { MemorySecretStore } from '../../electron/services/secrets/secret-store';
import { startWebServer, TOKEN_HEADER } from '../../electron/web/server';
import { startWebApp } from '../e2e/harness';
import { httpCall } from '../support/http-call';
import type { InvocationRecord } from '../../shared/delivery/invocation';
import { makeFailure, makeRecord } from '../support/invocation-fixtures';
import { tempDir } from '../support/temp-dir';

const NO_LIMITS = { maxRecords: null, maxAgeDays: null, maxTotalBytes: null };
const WEBHOOKS = 20;
let dir: { path: string; cleanup: () => Promise<void> };
/** The history folder of a data folder, so the same 200k records also serve the browser-mode backend. */
const historyDir = () => join(dir.path, 'history');
beforeAll(async () => (dir = await tempDir('hooksmith-history-bench-')));
afterAll(() => dir.cleanup());

const t0 = Date.UTC(2025, 0, 1);
const template = makeRecord();
const failure = makeFailure();
let seq = 0;
/** A realistic record: 20 webhooks, ~10 % failures, one second apart; an Apono request per 3 records, 500 requesters. */
function next(): InvocationRecord {
  const i = seq++;
  const base = i % 10 === 3 ? failure : template;
  const r = Math.floor(i / 3);
  const event = { event_type: 'RequestCreated', data: { id: `req-${r}`, friendly_id: `AR-${r}`, requester: { id: `u${r % 500}`, name: 'User', email: `user${r % 500}@example.com` } } };
  return { ...base, event, id: `b-${i}`, webhookId: `wh-${i % WEBHOOKS}`, webhookName: `Hook${i % WEBHOOKS}`, startedAt: new Date(t0 + i * 1000).toISOString(), durationMs: 20 + (i % 97) };
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
  const store = InvocationStore.open(historyDir(), { retention: NO_LIMITS });
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
  const reopened = InvocationStore.open(historyDir(), { retention: NO_LIMITS });
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

  // Where support staff search, against reading the same files raw (what any scan must at least cost).
  const s1 = performance.now();
  let rawBytes = 0;
  for (const f of readdirSync(historyDir()).filter((n) => n.startsWith('seg-'))) rawBytes += readFileSync(join(historyDir(), f)).length;
  const rawMs = performance.now() - s1;
  const lookups: [string, Parameters<InvocationStore['query']>[0]][] = [
    ['request id (friendly_id)', { requestId: 'AR-41234', limit: 100 }],
    ['request id (id)', { requestId: 'req-41234', limit: 100 }],
    ['requester email', { requester: 'user77@example.com', limit: 100 }],
    ['webhook', { webhookId: 'wh-7', limit: 100 }],
    ['text, matches nothing', { text: 'no such text anywhere', limit: 100 }],
    ['text, nothing, by duration', { text: 'no such text anywhere', sort: 'duration', limit: 100 }],
    ['text, header "name: value"', { text: 'content-type: text/xml', limit: 100 }],
  ];
  console.log(`\nSearching ${reopened.size}: raw read of the ${(rawBytes / 1e6).toFixed(0)} MB of segments ${rawMs.toFixed(0)} ms`);
  console.log('query                          ms        ratio to raw read');
  for (const [name, q] of lookups) {
    const s = performance.now();
    const page = await reopened.query(q);
    const ms = performance.now() - s;
    if (name.startsWith('request id')) expect(page.items.map((x) => x.id)).toEqual(['b-123704', 'b-123703', 'b-123702']);
    console.log(`  ${name.padEnd(28)} ${ms.toFixed(1).padStart(8)}   ${(ms / rawMs).toFixed(4)}`);
  }
  console.log(`  peak RSS while browsing: ${(peak / 1e6).toFixed(0)} MB (before open ${(rssBefore / 1e6).toFixed(0)} MB; heap used ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB)`);
  reopened.close();
});

/** A call the UI makes while a search runs: the page itself (served by the UI thread alone) and two relayed calls. */
const OTHER_CALLS = ['GET /', 'app.info', 'history.list'] as const;
type OtherCall = (typeof OTHER_CALLS)[number];

/** A browser-mode server to measure: its port, token and how many invocations its backend holds. */
interface Served {
  port: number;
  token: string;
}

async function timedCall(server: Served, what: OtherCall | 'search', text?: string): Promise<{ ms: number; body: string; status: number }> {
  const s = performance.now();
  const res =
    what === 'GET /'
      ? await httpCall(server.port, '/')
      : await httpCall(server.port, `/api/${what === 'search' ? 'history.list' : what}`, {
          method: 'POST',
          headers: { [TOKEN_HEADER]: server.token, 'content-type': 'application/json' },
          body: JSON.stringify({ arg: what === 'search' ? { text, limit: 100, runId: 'bench-scan' } : what === 'history.list' ? { limit: 50 } : undefined }),
        });
  return { ms: performance.now() - s, body: res.body, status: res.status };
}

/**
 * Each other call, idle and then in turn (one at a time, as a user clicks) for as long as a search for `text`
 * reads all records; prints median, p95 and max in ms and the medians' ratio to idle.
 */
async function callsDuringScan(label: string, server: Served, text: string): Promise<void> {
  const idle = new Map<OtherCall, number[]>(OTHER_CALLS.map((k) => [k, []]));
  for (let i = 0; i < 20; i++) for (const k of OTHER_CALLS) idle.get(k)!.push((await timedCall(server, k)).ms);
  const during = new Map<OtherCall, number[]>(OTHER_CALLS.map((k) => [k, []]));
  let scanning = true;
  const scan = timedCall(server, 'search', text).finally(() => (scanning = false));
  for (let i = 0; scanning; i++) {
    const k = OTHER_CALLS[i % OTHER_CALLS.length]!;
    const r = await timedCall(server, k);
    expect(r.status).toBe(200);
    if (scanning) during.get(k)!.push(r.ms);
  }
  const scanned = await scan;
  expect(JSON.parse(scanned.body)).toMatchObject({ ok: true, value: { total: 0 } });
  console.log(`  ${label}, search "${text}" ${scanned.ms.toFixed(0)} ms:`);
  console.log('    call           idle median   during: n   median      p95      max   median ratio to idle');
  for (const k of OTHER_CALLS) {
    const d = during.get(k)!;
    const i = idle.get(k)!;
    if (!d.length) continue;
    console.log(
      `    ${k.padEnd(13)} ${median(i).toFixed(1).padStart(8)} ms   ${String(d.length).padStart(9)} ${median(d).toFixed(1).padStart(8)} ${p95(d).toFixed(1).padStart(8)} ${Math.max(...d).toFixed(1).padStart(8)}   ${(median(d) / median(i)).toFixed(1).padStart(6)}`,
    );
  }
}

/** A term found nowhere (a byte search of each window) and one whose pieces are in every record, so every record is parsed. */
const SCAN_TERMS = ['no such text anywhere', 'user-agent: application/json'];

it('browser mode answers other calls while a search reads all 200k invocations: web.js with its backend thread, against the backend in the server\'s own thread', async () => {
  // Saved first: the backend opens the history with the saved limits (the 2025 records are past the default 30 days).
  await writeHistorySettings(historyDir(), { retention: NO_LIMITS, omitBodiesFor: [] });
  console.log('\nBrowser mode, other calls (one at a time) while a full-text search reads all 200k invocations (ms):');
  // Now: `node out/main/web.js`, as users run it; the backend on its worker thread.
  const app = await startWebApp(dir.path);
  const url = new URL(app.url);
  const viaThread: Served = { port: Number(url.port), token: url.searchParams.get('token') ?? '' };
  expect(await timedCall(viaThread, 'history.list').then((r) => JSON.parse(r.body) as { value: { total: number } })).toMatchObject({ value: { total: expect.any(Number) } });
  for (const text of SCAN_TERMS) await callsDuringScan('web.js, backend on its worker thread', viaThread, text);
  await app.stop();
  // Before: the same backend in the server's own thread (as web.js ran it until the worker), for the ratio.
  const backend = await createBackend({ dataDir: dir.path, secrets: new MemorySecretStore(), mode: 'web', version: 'bench', env: {} });
  expect(backend.history.store.size).toBeGreaterThan(200_000);
  const server = await startWebServer({ api: backend.api, staticDir: join(__dirname, '..', '..', 'out', 'renderer'), port: 0, token: 'bench' });
  for (const text of SCAN_TERMS) await callsDuringScan('in-process (before)', { port: server.port, token: 'bench' }, text);
  await server.close();
  await backend.close();
});

it('durability: what fsync before a delivery is shown costs per append, against the group commit', () => {
  const store = InvocationStore.open(join(dir.path, 'fsync'), { retention: NO_LIMITS });
  fill(store, 1000);
  const grouped: number[] = [];
  const synced: number[] = [];
  for (let i = 0; i < 300; i++) {
    const a = performance.now();
    store.append(next());
    grouped.push(performance.now() - a);
    const b = performance.now();
    store.append(next());
    store.sync();
    synced.push(performance.now() - b);
  }
  console.log('\nDurability (append of a ~4 KB record):');
  console.log(`  group commit (fsynced within 50 ms): median ${median(grouped).toFixed(3)} ms, p95 ${p95(grouped).toFixed(3)} ms`);
  console.log(`  fsynced before returning (deliveries): median ${median(synced).toFixed(3)} ms, p95 ${p95(synced).toFixed(3)} ms, ${(median(synced) / median(grouped)).toFixed(0)}× the group commit`);
  store.close();
});
