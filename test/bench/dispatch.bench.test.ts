/**
 * Dispatcher overhead: N sequential keep-alive sends to a local HTTPS server through `send()` (axios, timing
 * agent, body capture) against raw `https.request` over the same agent, then the median send broken down by
 * layer. Prints ratios; asserts only that every request succeeded.
 */
import axios from 'axios';
import type http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { agentFor, destroyAgents } from '../../electron/services/delivery/agents';
import { send } from '../../electron/services/delivery/dispatcher';
import { TIMING_OPTION, TimingRecorder, timingTransport } from '../../electron/services/delivery/timing-agent';
import { defaultTrustedCas } from '../../electron/services/delivery/trusted-cas';
import { CertFactory, httpsServer } from '../servers/certs';

const N = 1000;
const BODY = JSON.stringify({ event_type: 'RequestCreated', data: { friendly_id: 'ABC123', user: 'someone@example.com' } });

let certs: CertFactory;
let server: Awaited<ReturnType<typeof httpsServer>>;
beforeAll(async () => {
  certs = await CertFactory.create();
  server = await httpsServer(await certs.leaf(['localhost']));
});
afterAll(async () => {
  destroyAgents();
  await server.close();
  await certs.dispose();
});

/** `https.request` with nothing but the agent (and, when given, the dispatcher's timing recorder). */
function raw(agent: http.Agent, url: string, rec?: TimingRecorder): Promise<number> {
  return new Promise((resolve, reject) => {
    const options = { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(BODY) } };
    const req = https.request(url, rec ? ({ ...options, [TIMING_OPTION]: rec } as https.RequestOptions) : options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(BODY);
  });
}

/** axios alone over the dispatcher's agent and timing transport: what axios adds before capture and classification. */
async function viaAxios(agent: http.Agent, url: string): Promise<number> {
  const rec = new TimingRecorder();
  const res = await bare.request<Readable>({
    method: 'POST',
    url,
    headers: { 'Content-Type': 'application/json' },
    data: Buffer.from(BODY, 'utf8'),
    transformRequest: [(d: unknown) => d],
    responseType: 'stream',
    validateStatus: () => true,
    maxRedirects: 0,
    proxy: false,
    httpsAgent: agent,
    transport: timingTransport(rec, true),
  });
  for await (const chunk of res.data) void chunk;
  return res.status;
}
const bare = axios.create();

const TLS = () => ({ extraCaPem: [certs.ca.cert] });
const viaDispatcher = (url: string) => async () => (await send({ method: 'POST', url, headers: [], body: BODY }, { tls: TLS(), proxy: { mode: 'none' } })).response?.status ?? 0;

async function time(label: string, fn: () => Promise<number>): Promise<number> {
  for (let i = 0; i < 50; i++) expect(await fn()).toBe(200);
  const t0 = performance.now();
  for (let i = 0; i < N; i++) expect(await fn()).toBe(200);
  const perOp = (performance.now() - t0) / N;
  console.log(`${label.padEnd(44)} ${(perOp * 1000).toFixed(0).padStart(6)} µs/send`);
  return perOp;
}

// The baseline is the fastest raw path: `https.request` over the very agent `send()` uses (agentFor, same TLS
// settings). A default `https.Agent` with the same options is shown for reference only: it joins the whole
// CA bundle into its connection name on every request, which makes it several times slower than either.
it(`compares ${N} sequential sends: dispatcher vs raw https.request over the same agent`, async () => {
  const url = server.url('/bench');
  const agent = agentFor('https:', TLS(), null);
  const reference = new https.Agent({ keepAlive: true, keepAliveMsecs: 1000, maxFreeSockets: 8, scheduling: 'lifo', ca: [...defaultTrustedCas(), certs.ca.cert] });
  const base = await time('raw https.request, the dispatcher\'s agent', () => raw(agent, url));
  const dispatched = await time('dispatcher send()', viaDispatcher(url));
  const slow = await time('(reference) raw, default https.Agent', () => raw(reference, url));
  console.log(`ratio dispatcher / raw over the same agent: ${(dispatched / base).toFixed(2)}x (target ≤ 1.30x); default https.Agent / same agent: ${(slow / base).toFixed(2)}x`);
  reference.destroy();
});

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

// Where the dispatcher's time goes, layer by layer over the same agent: each line adds one layer to the one
// above, so the differences are what that layer costs per send.
it('breaks the median send down by layer: raw, + timing recorder, + axios, + the dispatcher (capture, classification, record)', async () => {
  const url = server.url('/median');
  const agent = agentFor('https:', TLS(), null);
  const layers: Array<[string, () => Promise<number>]> = [
    ['raw https.request, same agent', () => raw(agent, url)],
    ['+ timing recorder', () => raw(agent, url, new TimingRecorder())],
    ['+ axios (stream, timing transport)', () => viaAxios(agent, url)],
    ['+ dispatcher: send()', viaDispatcher(url)],
  ];
  for (let i = 0; i < 100; i++) for (const [, side] of layers) expect(await side()).toBe(200);
  // Interleaved, so drift in machine load (2 shared cores) hits every layer alike.
  const times: number[][] = layers.map(() => []);
  for (let i = 0; i < 500; i++) {
    for (const [j, [, side]] of layers.entries()) {
      const t0 = performance.now();
      expect(await side()).toBe(200);
      times[j]!.push(performance.now() - t0);
    }
  }
  const medians = times.map(median);
  const us = (ms: number) => `${(ms * 1000).toFixed(0).padStart(5)} µs`;
  const lines = layers.map(([label], j) => `${label.padEnd(40)} ${us(medians[j]!)}  (${j === 0 ? 'baseline' : `+${us(medians[j]! - medians[j - 1]!).trim()}`}, ${(medians[j]! / medians[0]!).toFixed(2)}x)`);
  console.log(`median per send, by layer:\n${lines.join('\n')}`);
});

it('sends 1,000 deliveries at concurrency 16 with no errors, printing memory before and after', async () => {
  const url = server.url('/concurrent');
  const options = { tls: { extraCaPem: [certs.ca.cert] }, proxy: { mode: 'none' as const } };
  const one = async () => {
    const r = await send({ method: 'POST', url, headers: [['X-Bench', '1']], body: BODY }, options);
    if (r.error || r.response?.status !== 200) throw new Error(r.error?.message ?? `status ${r.response?.status}`);
  };
  const burst = async (total: number) => {
    let next = 0;
    const errors: string[] = [];
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < total) {
          next++;
          await one().catch((e: unknown) => errors.push(String(e)));
        }
      }),
    );
    return errors;
  };
  expect(await burst(100)).toEqual([]); // warm-up: sockets, JIT
  // A real collection before each reading, so "heap after" is what the sends kept, not garbage not yet collected.
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const settle = () => {
    gc();
    gc();
    return process.memoryUsage();
  };
  const before = settle();
  const t0 = performance.now();
  const errors = await burst(1000);
  const elapsed = performance.now() - t0;
  const after = settle();
  // A second round: memory a leak keeps would grow again by about as much; a steady state stays flat.
  expect(await burst(1000)).toEqual([]);
  const again = settle();
  expect(errors).toEqual([]);
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  console.log(
    `1000 sends at concurrency 16: ${elapsed.toFixed(0)} ms (${((1000 / elapsed) * 1000).toFixed(0)}/s), 0 errors; ` +
      `heap after GC ${mb(before.heapUsed)} → ${mb(after.heapUsed)} → ${mb(again.heapUsed)} after 1,000 more; RSS ${mb(before.rss)} → ${mb(after.rss)} → ${mb(again.rss)}`,
  );
});
