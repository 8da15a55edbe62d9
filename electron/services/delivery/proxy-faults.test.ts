/**
 * Proxies as people have them: HTTPS_PROXY written as curl accepts it (no scheme), proxies that are down,
 * reset, or accept and never answer CONNECT. Real peers on loopback; the failure must name the proxy (never
 * the target) and leave no socket behind.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MASKED_SECRET, emptyWebhookInput, type Webhook } from '../../../shared/model/webhook';
import { startConnectProxy } from '../../../test/servers/connect-proxy';
import { startRawPeer } from '../../../test/servers/raw-peer';
import { startReceiver, type Receiver } from '../../../test/servers/receiver';
import { destroyAgents } from './agents';
import { deliver } from './deliver';
import { send, type SendOptions } from './dispatcher';

let rx: Receiver;
let tls: SendOptions['tls'];
beforeAll(async () => {
  rx = await startReceiver();
  tls = { extraCaPem: [rx.caPem] };
});
afterAll(async () => {
  destroyAgents();
  await rx.stop();
});

const post = (url: string) => ({ method: 'POST', url, headers: [], body: '{}' });
const viaEnv = (value: string, name = 'HTTPS_PROXY'): SendOptions => ({ tls, proxy: { mode: 'env' }, env: { [name]: value } });

function webhook(url: string, patch: Partial<Webhook> = {}): Webhook {
  return { ...emptyWebhookInput(), id: 'wh-proxy', name: 'proxied', createdAt: '', updatedAt: '', url, ...patch };
}

describe('HTTPS_PROXY as people write it', () => {
  it('takes host:port without a scheme as http://, as curl does (an IP, a name, with credentials)', async () => {
    const open = await startConnectProxy();
    const authed = await startConnectProxy({ user: 'u', pass: 'p@ss' });
    await rx.server.forPost('/no-scheme').thenReply(200, '{"status":"ok"}');
    const port = (p: { url: string }) => new URL(p.url).port;
    try {
      destroyAgents();
      const ip = await send(post(rx.url('/no-scheme')), viaEnv(`127.0.0.1:${port(open)}`));
      expect(ip.error).toBeNull();
      expect(ip.proxy).toEqual({ url: `http://127.0.0.1:${port(open)}`, source: 'HTTPS_PROXY' });

      destroyAgents();
      const name = await send(post(rx.url('/no-scheme')), viaEnv(`localhost:${port(open)}`, 'https_proxy'));
      expect(name.error).toBeNull();
      expect(name.proxy).toEqual({ url: `http://localhost:${port(open)}`, source: 'https_proxy' });
      expect(open.tunnels).toEqual([`localhost:${rx.server.port}`, `localhost:${rx.server.port}`]);

      destroyAgents();
      const cred = await send(post(rx.url('/no-scheme')), viaEnv(`u:p%40ss@127.0.0.1:${port(authed)}`));
      expect(cred.error).toBeNull();
      expect(cred.proxy?.url).toBe(`http://${MASKED_SECRET}@127.0.0.1:${port(authed)}`);
      expect(JSON.stringify(cred)).not.toMatch(/p%40ss|p@ss/);
    } finally {
      await Promise.all([open.close(), authed.close()]);
    }
  });

  it('reports a value that is still not a proxy URL as a proxy error naming the variable and the fix, credentials hidden', async () => {
    const bad = await send(post(rx.url('/never')), viaEnv('http://me:hunter22@:9011'));
    expect(bad.error).toMatchObject({ errorClass: 'proxy', code: 'ERR_INVALID_PROXY_URL' });
    expect(bad.error?.message).toContain('HTTPS_PROXY');
    expect(bad.error?.hint).toMatch(/http:\/\/proxy\.example\.com:3128/);
    expect(JSON.stringify(bad)).not.toContain('hunter22');
    expect(bad.response).toBeNull();

    const socks = await send(post(rx.url('/never')), viaEnv('socks5://127.0.0.1:1080'));
    expect(socks.error?.message).toMatch(/socks5/);

    // A whole delivery records it as an invocation, as any other failure.
    const rec = await deliver({ webhook: webhook(rx.url('/never')), renderedBody: '{}', trigger: 'RequestCreated', event: {}, options: viaEnv('localhost:notaport') });
    expect(rec).toMatchObject({ outcome: 'Failure', error: { errorClass: 'proxy' } });
    expect(rec.steps).toHaveLength(1);
  });
});

describe('a proxy that fails is blamed, not the target', () => {
  it('says the proxy refused the connection, naming it and where it was set', async () => {
    const gone = await startRawPeer();
    const port = gone.port;
    await gone.close();
    const r = await send(post(rx.url('/x')), viaEnv(`http://127.0.0.1:${port}`));
    expect(r.error).toMatchObject({ errorClass: 'proxy', code: 'ECONNREFUSED' });
    expect(r.error?.message).toContain(`proxy at 127.0.0.1:${port} refused`);
    expect(r.error?.hint).toContain('HTTPS_PROXY');

    const setting = await send(post(rx.url('/x')), { tls, proxy: { mode: 'url', url: `http://127.0.0.1:${port}` } });
    expect(setting.error?.hint).toContain('the proxy setting');
  });

  it('says the proxy reset the connection', async () => {
    const resetting = await startRawPeer((s) => s.once('data', () => s.resetAndDestroy()));
    try {
      const r = await send(post(rx.url('/x')), viaEnv(`http://127.0.0.1:${resetting.port}`));
      expect(r.error?.errorClass).toBe('proxy');
      expect(r.error?.message).toContain(`proxy at 127.0.0.1:${resetting.port} reset`);
      expect(r.error?.hint).toContain('HTTPS_PROXY');
    } finally {
      await resetting.close();
    }
  });

  it('records which proxy a delivery went through, without its credentials', async () => {
    const proxy = await startConnectProxy({ user: 'u', pass: 'secret-pass' });
    await rx.server.forPost('/recorded').thenReply(200, '{}');
    try {
      destroyAgents();
      const withCred = proxy.url.replace('http://', 'http://u:secret-pass@');
      const rec = await deliver({ webhook: webhook(rx.url('/recorded')), renderedBody: '{}', trigger: 'RequestCreated', event: {}, options: viaEnv(withCred) });
      expect(rec.outcome).toBe('Success');
      const shown = `http://${MASKED_SECRET}@${new URL(proxy.url).host}`;
      expect(rec.steps[0]?.proxy).toEqual({ url: shown, source: 'HTTPS_PROXY' });
      expect(rec.warnings).toContain(`Sent through proxy ${shown} (from HTTPS_PROXY).`);
      expect(JSON.stringify(rec)).not.toContain('secret-pass');
    } finally {
      await proxy.close();
    }
  });
});

describe('a proxy that never answers CONNECT', () => {
  it('times out naming the proxy, and closes the connection to it', async () => {
    const silent = await startRawPeer();
    try {
      const r = await send(post(rx.url('/x')), { ...viaEnv(`http://127.0.0.1:${silent.port}`), timeoutMs: 5000, connectTimeoutMs: 300 });
      expect(r.error?.errorClass).toBe('connect-timeout');
      expect(r.error?.message).toContain(`proxy at 127.0.0.1:${silent.port}`);
      expect(r.error?.hint).toContain('HTTPS_PROXY');
      expect(silent.accepted()).toBe(1);
      await vi.waitFor(() => expect(silent.open()).toBe(0), { timeout: 5000 });
    } finally {
      await silent.close();
    }
  });

  it('closes the connection to it when the send is cancelled', async () => {
    const silent = await startRawPeer();
    try {
      const ac = new AbortController();
      const sending = send(post(rx.url('/x')), viaEnv(`http://127.0.0.1:${silent.port}`), ac.signal);
      await vi.waitFor(() => expect(silent.accepted()).toBe(1));
      ac.abort();
      expect((await sending).error?.errorClass).toBe('cancelled');
      await vi.waitFor(() => expect(silent.open()).toBe(0), { timeout: 5000 });
    } finally {
      await silent.close();
    }
  });

  it('closes the tunnel when the target never completes TLS inside it', async () => {
    const mute = await startRawPeer((s) => s.once('data', () => s.write('HTTP/1.1 200 Connection Established\r\n\r\n')));
    try {
      const r = await send(post(rx.url('/x')), { ...viaEnv(`http://127.0.0.1:${mute.port}`), timeoutMs: 5000, connectTimeoutMs: 300 });
      expect(r.error?.errorClass).toBe('connect-timeout');
      // The tunnel was open: the TLS handshake with the target timed out, not the proxy.
      expect(r.error?.message).not.toContain('proxy');
      await vi.waitFor(() => expect(mute.open()).toBe(0), { timeout: 5000 });
    } finally {
      await mute.close();
    }
  });
});
