import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRawPeer } from '../../../test/servers/raw-peer';
import { startReceiver, type Receiver } from '../../../test/servers/receiver';
import { heldEndpoint } from '../../../test/support/held-endpoint';
import { destroyAgents } from './agents';
import { send, type SendOptions } from './dispatcher';

let rx: Receiver;
let trust: SendOptions;

beforeAll(async () => {
  rx = await startReceiver();
  trust = { tls: { extraCaPem: [rx.caPem] }, proxy: { mode: 'none' } };
});
afterAll(async () => {
  destroyAgents();
  await rx.stop();
});

describe('send: the request as received', () => {
  it('sends method, headers in order and case, exact body bytes and a JSON content type by default', async () => {
    const ep = await rx.server.forPost('/exact').thenReply(200, '{"status":"ok"}', { 'Content-Type': 'application/json', 'X-Trace': 'a' });
    const body = '  {"a": "é", "b": [1, 2]}\n';
    const r = await send({ method: 'POST', url: rx.url('/exact'), headers: [['X-First', '1'], ['x-second', 'two'], ['X-THIRD', '3']], body }, trust);
    expect(r.error).toBeNull();
    const [seen] = await ep.getSeenRequests();
    expect(seen?.method).toBe('POST');
    const names = (seen?.rawHeaders ?? []).map(([n]) => n);
    expect(names.filter((n) => /^x-/i.test(n))).toEqual(['X-First', 'x-second', 'X-THIRD']);
    expect(seen?.headers['content-type']).toBe('application/json');
    expect(seen?.headers['user-agent']).toMatch(/^Hooksmith/);
    expect(seen?.body.buffer.equals(Buffer.from(body, 'utf8'))).toBe(true);
    expect(r.response).toMatchObject({ status: 200, body: '{"status":"ok"}', bodyEncoding: 'utf8', truncated: false, fullSize: 15 });
    expect(r.response?.headers).toContainEqual(['X-Trace', 'a']);
    expect(r.request.headers.map(([n]) => n)).toContain('Host');
  });

  // axios rewrites the name to `Content-Type` (names are case-insensitive in HTTP/1.1); the value is kept.
  it('keeps a Content-Type the user set', async () => {
    const ep = await rx.server.forPut('/ct').thenReply(204);
    await send({ method: 'PUT', url: rx.url('/ct'), headers: [['content-type', 'application/vnd.api+json']], body: '{}' }, trust);
    const [seen] = await ep.getSeenRequests();
    expect(seen?.rawHeaders.filter(([n]) => n.toLowerCase() === 'content-type').map(([, v]) => v)).toEqual(['application/vnd.api+json']);
  });

  it('does not follow redirects', async () => {
    await rx.server.forPost('/moved').thenReply(302, '', { Location: '/elsewhere' });
    const r = await send({ method: 'POST', url: rx.url('/moved'), headers: [], body: '{}' }, trust);
    expect(r.response?.status).toBe(302);
  });
});

describe('send: timings', () => {
  it('records DNS, TCP and TLS on a new connection, and none on a reused keep-alive socket', async () => {
    destroyAgents();
    await rx.server.forGet('/t').thenReply(200, 'ok');
    const first = await send({ method: 'GET', url: rx.url('/t'), headers: [], body: null }, trust);
    const second = await send({ method: 'GET', url: rx.url('/t'), headers: [], body: null }, trust);
    expect(first.timings.reusedSocket).toBe(false);
    expect(first.timings.dnsMs).not.toBeNull();
    expect(first.timings.tcpMs).not.toBeNull();
    expect(first.timings.tlsMs).toBeGreaterThan(0);
    expect(first.timings.waitMs).not.toBeNull();
    expect(second.timings).toMatchObject({ reusedSocket: true, dnsMs: null, tcpMs: null, tlsMs: null });
    expect(second.timings.totalMs).toBeGreaterThan(0);
  });
});

/**
 * Samples memory while a send runs and reports the largest growth over the start: of the JS heap plus
 * everything held in Buffers and ArrayBuffers (`external`, which includes `arrayBuffers`), and of the RSS.
 */
function watchMemory(): { stop(): { heapAndBuffers: number; rss: number } } {
  const held = () => {
    const m = process.memoryUsage();
    return { heapAndBuffers: m.heapUsed + m.external, rss: m.rss };
  };
  const start = held();
  const peak = { ...start };
  const sample = () => {
    const now = held();
    peak.heapAndBuffers = Math.max(peak.heapAndBuffers, now.heapAndBuffers);
    peak.rss = Math.max(peak.rss, now.rss);
  };
  const timer = setInterval(sample, 5);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { heapAndBuffers: peak.heapAndBuffers - start.heapAndBuffers, rss: peak.rss - start.rss };
    },
  };
}

describe('send: bodies', () => {
  it('returns a non-UTF-8 body as base64', async () => {
    const bytes = Buffer.from([0, 255, 254, 1, 2, 3]);
    await rx.server.forGet('/bin').thenReply(200, bytes, { 'Content-Type': 'application/octet-stream' });
    const r = await send({ method: 'GET', url: rx.url('/bin'), headers: [], body: null }, trust);
    expect(r.response).toMatchObject({ bodyEncoding: 'base64', body: bytes.toString('base64'), size: 6 });
  });

  it('cuts a 100 MB streamed body at the limit and counts the rest without keeping it', async () => {
    const total = 100 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const server = http.createServer((_req, res) => {
      // Generated on the fly, with backpressure: neither side ever holds the 100 MB.
      let sent = 0;
      const pump = () => {
        while (sent < total) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/big`;
    const memory = watchMemory();
    const r = await send({ method: 'GET', url, headers: [], body: null }, { proxy: { mode: 'none' }, maxBodyBytes: 1024 * 1024 });
    const growth = memory.stop();
    await new Promise((res) => server.close(res));
    expect(r.error).toBeNull();
    expect(r.response).toMatchObject({ truncated: true, size: 1024 * 1024, fullSize: total });
    expect(r.timings.tlsMs).toBeNull();
    // Peaks while the body streams in, not a reading after it: a body kept in Buffers lives outside the JS heap
    // (in `external`/`arrayBuffers`) and in the process' resident memory, and could be freed again by the end.
    // A kept body would add at least its 100 MB to both; below that, GC timing alone moves the peaks (54 MB of
    // heap + Buffers was seen on a fresh CI run), so the bound sits just under the body's size.
    expect(growth.heapAndBuffers, 'JS heap + Buffers').toBeLessThan(95 * 1024 * 1024);
    expect(growth.rss, 'resident set').toBeLessThan(95 * 1024 * 1024);
  });

  it('stops downloading when Content-Length already tells the full size', async () => {
    await rx.server.forGet('/len').thenReply(200, Buffer.alloc(300_000, 'b'), { 'Content-Type': 'text/plain' });
    const r = await send({ method: 'GET', url: rx.url('/len'), headers: [], body: null }, { ...trust, maxBodyBytes: 1000 });
    expect(r.response).toMatchObject({ truncated: true, size: 1000, fullSize: 300_000 });
  });
});

describe('send: failures', () => {
  // No clock is read here: a timeout that did not fire would leave the send hanging, and the test would fail
  // on vitest's own test timeout instead of passing.
  it('classifies a server that never answers as a response timeout', async () => {
    await rx.server.forPost('/slow').thenTimeout();
    const r = await send({ method: 'POST', url: rx.url('/slow'), headers: [], body: '{}' }, { ...trust, timeoutMs: 400 });
    expect(r.error).toMatchObject({ errorClass: 'response-timeout', message: 'Timed out waiting for the response.' });
  });

  it('keeps the head and the partial body when the download times out', async () => {
    const stalled = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"status":"ok",');
    });
    await new Promise<void>((r) => stalled.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(stalled.address() as AddressInfo).port}/`;
    const r = await send({ method: 'POST', url, headers: [], body: '{}' }, { proxy: { mode: 'none' }, timeoutMs: 400 });
    stalled.closeAllConnections();
    await new Promise((res) => stalled.close(res));
    expect(r.error?.errorClass).toBe('response-timeout');
    expect(r.error?.message).toContain('downloading');
    expect(r.response).toMatchObject({ status: 200, body: '{"status":"ok",', fullSize: null });
  });

  // The whole-send timeout is longer than the test may run, so only the connect timeout can end this send:
  // had it not fired, the test would fail on its own timeout. No durations are compared.
  it('classifies a TLS handshake that never completes as a connect timeout', async () => {
    const silent = await startRawPeer(() => undefined);
    const r = await send({ method: 'POST', url: `https://localhost:${silent.port}/`, headers: [], body: '{}' }, { ...trust, timeoutMs: 600_000, connectTimeoutMs: 300 });
    await silent.close();
    expect(r.error).toMatchObject({ errorClass: 'connect-timeout', message: 'Timed out while connecting to the server.' });
  });

  it('classifies a reset, a refused port and an unresolvable host', async () => {
    await rx.server.forPost('/reset').thenResetConnection();
    const reset = await send({ method: 'POST', url: rx.url('/reset'), headers: [], body: '{}' }, trust);
    expect(reset.error?.errorClass).toBe('connection-reset');

    const closed = await startRawPeer(() => undefined);
    const port = closed.port;
    await closed.close();
    const refused = await send({ method: 'POST', url: `https://localhost:${port}/`, headers: [], body: '{}' }, trust);
    expect(refused.error).toMatchObject({ errorClass: 'connection-refused', code: 'ECONNREFUSED' });

    const dns = await send({ method: 'POST', url: 'https://no-such-host.invalid/hook', headers: [], body: '{}' }, trust);
    expect(dns.error?.errorClass).toBe('dns');
  });

  it('says so when the port answers, but not with HTTP', async () => {
    const ssh = await startRawPeer((s) => s.write('SSH-2.0-OpenSSH_9.0\r\n'));
    try {
      const r = await send({ method: 'POST', url: `http://127.0.0.1:${ssh.port}/hook`, headers: [], body: '{}' }, { proxy: { mode: 'none' } });
      expect(r.error).toMatchObject({ errorClass: 'protocol', code: expect.stringMatching(/^HPE_/) });
      expect(r.error?.message).toMatch(/answered, but not with HTTP/);
      expect(r.error?.hint).toMatch(/port and scheme/);
    } finally {
      await ssh.close();
    }
  });

  it('refuses an untrusted certificate unless insecure mode is on', async () => {
    await rx.server.forPost('/tls').thenReply(200, 'ok');
    const strict = await send({ method: 'POST', url: rx.url('/tls'), headers: [], body: '{}' }, { proxy: { mode: 'none' } });
    // mockttp sends its CA in the chain, so OpenSSL reports SELF_SIGNED_CERT_IN_CHAIN: an untrusted private CA.
    expect(strict.error).toMatchObject({ errorClass: 'tls-untrusted', code: 'SELF_SIGNED_CERT_IN_CHAIN' });
    const insecure = await send({ method: 'POST', url: rx.url('/tls'), headers: [], body: '{}' }, { proxy: { mode: 'none' }, tls: { rejectUnauthorized: false } });
    expect(insecure.error).toBeNull();
    expect(insecure.response?.status).toBe(200);
  });

  it('stops on cancellation once the request is at the server', async () => {
    const held = await heldEndpoint(rx.server, '/hang');
    const ac = new AbortController();
    try {
      const sending = send({ method: 'POST', url: rx.url('/hang'), headers: [], body: '{}' }, { ...trust, timeoutMs: 600_000 }, ac.signal);
      await held.reached;
      ac.abort();
      const r = await sending;
      expect(r.error?.errorClass).toBe('cancelled');
      expect(r.response).toBeNull();
    } finally {
      held.release();
    }
  });

  it('rejects a URL that is not http(s)', async () => {
    const r = await send({ method: 'POST', url: 'ftp://x/y', headers: [], body: '{}' }, trust);
    expect(r.error?.errorClass).toBe('invalid-url');
  });
});
