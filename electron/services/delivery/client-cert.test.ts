/**
 * Mutual TLS failures, each named for what the user must change in the webhook's client certificate:
 * none sent where one is required, one the server does not trust, a key that does not match it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CertFactory, httpsServer, type KeyPair } from '../../../test/servers/certs';
import { startConnectProxy } from '../../../test/servers/connect-proxy';
import { startMtlsServer, type OpensslServer } from '../../../test/servers/openssl-server';
import { destroyAgents, type TlsSettings } from './agents';
import { send } from './dispatcher';

let certs: CertFactory;
let server: OpensslServer;
let trusted: KeyPair;
let untrusted: KeyPair;
beforeAll(async () => {
  certs = await CertFactory.create();
  // One at a time: the factory's openssl CA keeps a serial file.
  const leaf = await certs.leaf(['localhost']);
  trusted = await certs.leaf(['hooksmith-client']);
  untrusted = await certs.selfSigned(['stranger']);
  server = await startMtlsServer(leaf, certs.ca.cert);
});
afterAll(async () => {
  destroyAgents();
  await Promise.all([server.stop(), certs.dispose()]);
});

const get = (url: string) => ({ method: 'GET', url, headers: [], body: null });
const withCert = (pair?: { cert: string; key: string }): TlsSettings => ({
  extraCaPem: [certs.ca.cert],
  ...(pair ? { clientCertPem: pair.cert, clientKeyPem: pair.key } : {}),
});

describe('client certificates', () => {
  it('works with the certificate the server trusts', async () => {
    const ok = await send(get(server.url('/')), { tls: withCert(trusted), proxy: { mode: 'none' } });
    expect(ok.error).toBeNull();
    expect(ok.response?.status).toBe(200);
  });

  it('says the server requires a client certificate when none was sent', async () => {
    const r = await send(get(server.url('/')), { tls: withCert(), proxy: { mode: 'none' } });
    expect(r.error).toMatchObject({ errorClass: 'tls-client-cert', code: 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED' });
    expect(r.error?.message).toMatch(/requires a client certificate/);
    expect(r.error?.hint).toMatch(/network settings/);
    expect(r.error?.hint).not.toMatch(/serves HTTPS/);
  });

  it('says the server rejected a client certificate it does not trust, with the alert', async () => {
    const r = await send(get(server.url('/')), { tls: withCert(untrusted), proxy: { mode: 'none' } });
    expect(r.error).toMatchObject({ errorClass: 'tls-client-cert', code: 'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA' });
    expect(r.error?.message).toMatch(/rejected the client certificate \(TLS alert: unknown ca\)/);
  });

  it('names the client key when it does not match the certificate, directly and through a proxy', async () => {
    const mismatched = { cert: trusted.cert, key: untrusted.key };
    const r = await send(get(server.url('/')), { tls: withCert(mismatched), proxy: { mode: 'none' } });
    expect(r.error).toMatchObject({ errorClass: 'tls-client-cert', code: 'ERR_OSSL_X509_KEY_VALUES_MISMATCH' });
    expect(r.error?.message).toMatch(/client key does not match the client certificate/i);
    expect(r.error?.hint).toMatch(/Client key/);

    const proxy = await startConnectProxy();
    try {
      const tunnelled = await send(get(server.url('/')), { tls: withCert(mismatched), proxy: { mode: 'url', url: proxy.url } });
      expect(tunnelled.error).toMatchObject({ errorClass: 'tls-client-cert', code: 'ERR_OSSL_X509_KEY_VALUES_MISMATCH' });
    } finally {
      await proxy.close();
    }
  });

  it('points at the client certificate when a server drops the connection right after the handshake', async () => {
    // Node's own TLS server resets instead of sending its alert, so only the timing of the reset is left.
    const node = await httpsServer(await certs.leaf(['localhost']), { requestCert: true, rejectUnauthorized: true, ca: [certs.ca.cert] });
    try {
      const r = await send(get(node.url('/')), { tls: withCert(untrusted), proxy: { mode: 'none' } });
      // Usually a bare reset; when the alert does get through first, it is named as above.
      expect(['connection-reset', 'tls-client-cert']).toContain(r.error?.errorClass);
      expect(`${r.error?.message} ${r.error?.hint}`).toMatch(/rejected the client certificate/);
    } finally {
      await node.close();
    }
  });
});
