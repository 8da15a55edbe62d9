/**
 * Dispatcher overhead: N sequential keep-alive sends to a local HTTPS server through `send()` (axios, timing
 * agent, body capture) against raw `https.request` with an agent of the same settings. Prints the ratio;
 * asserts only that every request succeeded.
 */
import https from 'node:https';
import tls from 'node:tls';
import { performance } from 'node:perf_hooks';
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
