import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CertFactory, httpsServer } from '../../../test/servers/certs';
import { startConnectProxy } from '../../../test/servers/connect-proxy';
import { startReceiver, type Receiver } from '../../../test/servers/receiver';
import { destroyAgents } from './agents';
import { send } from './dispatcher';

let certs: CertFactory;
let rx: Receiver;
beforeAll(async () => {
  [certs, rx] = await Promise.all([CertFactory.create(), startReceiver()]);
});
afterAll(async () => {
  destroyAgents();
  await Promise.all([certs.dispose(), rx.stop()]);
});

const post = (url: string) => ({ method: 'POST', url, headers: [], body: '{}' });

/** Runs curl without blocking this process's event loop (mockttp lives here); resolves to its exit code. */
function curl(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    execFile('curl', ['-sS', '-o', '/dev/null', '--noproxy', '*', ...args], (error) => {
      resolve(error ? Number((error as { code?: unknown }).code ?? -1) : 0);
    });
  });
}

describe('TLS failures', () => {
  it('classifies self-signed, expired and wrong-host certificates', async () => {
    const self = await httpsServer(await certs.selfSigned(['localhost']));
    const expired = await httpsServer(await certs.leaf(['localhost'], { expired: true }));
    const wrongHost = await httpsServer(await certs.leaf(['api.other.example']));
    const tls = { extraCaPem: [certs.ca.cert] };
    try {
      const a = await send(post(self.url('/')), { tls, proxy: { mode: 'none' } });
      const b = await send(post(expired.url('/')), { tls, proxy: { mode: 'none' } });
      const c = await send(post(wrongHost.url('/')), { tls, proxy: { mode: 'none' } });
      expect(a.error).toMatchObject({ errorClass: 'tls-self-signed', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
      expect(b.error).toMatchObject({ errorClass: 'tls-expired', code: 'CERT_HAS_EXPIRED' });
      expect(c.error).toMatchObject({ errorClass: 'tls-hostname', code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
      expect(a.timings.tlsMs).toBeNull();
    } finally {
      await Promise.all([self.close(), expired.close(), wrongHost.close()]);
    }
  });

  it('trusts a private CA given as an extra CA, and presents a client certificate for mutual TLS', async () => {
    const server = await httpsServer(await certs.leaf(['localhost']), { requestCert: true, rejectUnauthorized: true, ca: [certs.ca.cert] });
    const client = await certs.leaf(['hooksmith-client']);
    try {
      const without = await send(post(server.url('/')), { tls: { extraCaPem: [certs.ca.cert] }, proxy: { mode: 'none' } });
      expect(without.error).not.toBeNull();
      const withCert = await send(post(server.url('/')), { tls: { extraCaPem: [certs.ca.cert], clientCertPem: client.cert, clientKeyPem: client.key }, proxy: { mode: 'none' } });
      expect(withCert.error).toBeNull();
      expect(JSON.parse(withCert.response?.body ?? '{}')).toEqual({ status: 'ok', clientCert: 'hooksmith-client' });
    } finally {
      await server.close();
    }
  });

  it('agrees with curl on an untrusted certificate (exit 60) and on a timeout (exit 28)', async () => {
    const self = await httpsServer(await certs.selfSigned(['localhost']));
    await rx.server.forPost('/curl-slow').thenTimeout();
    const caFile = join(tmpdir(), `hooksmith-rx-ca-${process.pid}.pem`);
    await writeFile(caFile, rx.caPem);
    try {
      const ours = await send(post(self.url('/')), { proxy: { mode: 'none' } });
      expect(ours.error?.errorClass).toBe('tls-self-signed');
      expect(await curl(['-X', 'POST', self.url('/')])).toBe(60);

      // Connected first (a kept-alive socket), so the short timeout can only run out waiting for the answer, however
      // slow the machine is to open a TLS connection.
      await rx.server.forPost('/curl-warm').thenReply(200, 'ok');
      expect((await send(post(rx.url('/curl-warm')), { tls: { extraCaPem: [rx.caPem] }, proxy: { mode: 'none' } })).error).toBeNull();
      const slow = await send(post(rx.url('/curl-slow')), { tls: { extraCaPem: [rx.caPem] }, proxy: { mode: 'none' }, timeoutMs: 500 });
      expect(slow.timings.reusedSocket).toBe(true);
      expect(slow.error?.errorClass).toBe('response-timeout');
      expect(await curl(['--cacert', caFile, '--max-time', '0.5', '-X', 'POST', rx.url('/curl-slow')])).toBe(28);
    } finally {
      await self.close();
    }
  });
});

describe('proxy', () => {
  it('tunnels through an explicit CONNECT proxy with TLS end to end, and honours NO_PROXY from the environment', async () => {
    const proxy = await startConnectProxy();
    await rx.server.forPost('/via-proxy').thenReply(200, '{"status":"ok"}');
    const tls = { extraCaPem: [rx.caPem] };
    try {
      const viaUrl = await send(post(rx.url('/via-proxy')), { tls, proxy: { mode: 'url', url: proxy.url } });
      expect(viaUrl.error).toBeNull();
      expect(viaUrl.response?.status).toBe(200);
      expect(viaUrl.timings.tlsMs).not.toBeNull();
      expect(proxy.tunnels).toEqual([`localhost:${rx.server.port}`]);

      destroyAgents();
      const viaEnv = await send(post(rx.url('/via-proxy')), { tls, proxy: { mode: 'env' }, env: { HTTPS_PROXY: proxy.url } });
      expect(viaEnv.response?.status).toBe(200);
      expect(proxy.tunnels).toHaveLength(2);

      const bypass = await send(post(rx.url('/via-proxy')), { tls, proxy: { mode: 'env' }, env: { HTTPS_PROXY: proxy.url, NO_PROXY: 'localhost' } });
      expect(bypass.response?.status).toBe(200);
      expect(proxy.tunnels).toHaveLength(2);
    } finally {
      await proxy.close();
    }
  });

  it('reports a proxy that refuses the tunnel, and authenticates with credentials from the proxy URL', async () => {
    const proxy = await startConnectProxy({ user: 'u', pass: 'p@ss' });
    await rx.server.forPost('/auth-proxy').thenReply(200, 'ok');
    const tls = { extraCaPem: [rx.caPem] };
    try {
      const refused = await send(post(rx.url('/auth-proxy')), { tls, proxy: { mode: 'url', url: proxy.url } });
      expect(refused.error).toMatchObject({ errorClass: 'proxy' });
      expect(refused.error?.message).toContain('407');
      const withCred = proxy.url.replace('http://', 'http://u:p%40ss@');
      const ok = await send(post(rx.url('/auth-proxy')), { tls, proxy: { mode: 'url', url: withCred } });
      expect(ok.response?.status).toBe(200);
    } finally {
      await proxy.close();
    }
  });
});
