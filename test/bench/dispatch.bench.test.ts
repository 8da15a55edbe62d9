/**
 * Dispatcher overhead: N sequential keep-alive sends to a local HTTPS server through `send()` (axios, timing
 * agent, body capture) against raw `https.request` with an agent of the same settings. Prints the ratio;
 * asserts only that every request succeeded.
 */
import https from 'node:https';
import tls from 'node:tls';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { destroyAgents } from '../../electron/services/delivery/agents';
import { send } from '../../electron/services/delivery/dispatcher';
import { TimingHttpsAgent } from '../../electron/services/delivery/timing-agent';
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

function raw(agent: https.Agent, url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(BODY) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(BODY);
  });
}

async function time(label: string, fn: () => Promise<number>): Promise<number> {
  for (let i = 0; i < 50; i++) expect(await fn()).toBe(200);
  const t0 = performance.now();
  for (let i = 0; i < N; i++) expect(await fn()).toBe(200);
  const perOp = (performance.now() - t0) / N;
  console.log(`${label.padEnd(34)} ${(perOp * 1000).toFixed(0).padStart(6)} µs/send`);
  return perOp;
}

it(`compares ${N} sequential sends: dispatcher vs raw https.request`, async () => {
  const url = server.url('/bench');
  const agentOptions = { keepAlive: true, keepAliveMsecs: 1000, maxFreeSockets: 8, scheduling: 'lifo' as const, ca: [...tls.rootCertificates, certs.ca.cert] };
  const plain = new https.Agent(agentOptions);
  const timing = new TimingHttpsAgent(agentOptions);
  const base = await time('raw https.request, https.Agent', () => raw(plain, url));
  const withTiming = await time('raw https.request, TimingHttpsAgent', () => raw(timing, url));
  const dispatched = await time('dispatcher send()', async () => {
    const r = await send({ method: 'POST', url, headers: [], body: BODY }, { tls: { extraCaPem: [certs.ca.cert] }, proxy: { mode: 'none' } });
    return r.response?.status ?? 0;
  });
  console.log(`ratio timing agent / raw: ${(withTiming / base).toFixed(2)}x; dispatcher / raw: ${(dispatched / base).toFixed(2)}x`);
  plain.destroy();
  timing.destroy();
});

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

it('compares the median latency of single sends: dispatcher vs raw https.request (same agent settings)', async () => {
  const url = server.url('/median');
  const agentOptions = { keepAlive: true, keepAliveMsecs: 1000, maxFreeSockets: 8, scheduling: 'lifo' as const, ca: [...tls.rootCertificates, certs.ca.cert] };
  const plain = new https.Agent(agentOptions);
  // The same settings on the dispatcher's own agent class, which names connections without re-joining the
  // CA bundle per request: the baseline that isolates what axios, timing and capture add.
  const timing = new TimingHttpsAgent(agentOptions);
  const viaDispatcher = async () => (await send({ method: 'POST', url, headers: [], body: BODY }, { tls: { extraCaPem: [certs.ca.cert] }, proxy: { mode: 'none' } })).response?.status ?? 0;
  const sides = [() => raw(plain, url), () => raw(timing, url), viaDispatcher];
  for (let i = 0; i < 100; i++) for (const side of sides) expect(await side()).toBe(200);
  // Interleaved, so drift in machine load (2 shared cores) hits every side alike.
  const times: number[][] = sides.map(() => []);
  for (let i = 0; i < 500; i++) {
    for (const [j, side] of sides.entries()) {
      const t0 = performance.now();
      expect(await side()).toBe(200);
      times[j]!.push(performance.now() - t0);
    }
  }
  const [r, t, d] = times.map(median) as [number, number, number];
  const us = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;
  console.log(`median raw https.Agent ${us(r)}, raw TimingHttpsAgent ${us(t)}, dispatcher ${us(d)}; ratio dispatcher / raw https.Agent ${(d / r).toFixed(2)}x (target ≤ 1.30x), dispatcher / raw TimingHttpsAgent ${(d / t).toFixed(2)}x`);
  plain.destroy();
  timing.destroy();
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
