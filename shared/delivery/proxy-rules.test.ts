import { describe, expect, it } from 'vitest';
import { MASKED_SECRET } from '../model/webhook';
import { isNoProxy, resolveProxy } from './proxy-rules';

/** The URL to connect with, `null` for direct, or the error's message. */
function proxyForUrl(...args: Parameters<typeof resolveProxy>): string | null {
  const r = resolveProxy(...args);
  return r.ok ? (r.proxy?.connectUrl ?? null) : r.error.message;
}

describe('proxy rules', () => {
  it('matches NO_PROXY domains, subdomains, ports and *', () => {
    expect(isNoProxy('api.example.com', '443', 'localhost,.example.com')).toBe(true);
    expect(isNoProxy('example.com', '443', 'example.com')).toBe(true);
    expect(isNoProxy('notexample.com', '443', 'example.com')).toBe(false);
    expect(isNoProxy('a.b', '8443', 'a.b:443')).toBe(false);
    expect(isNoProxy('a.b', '443', 'a.b:443')).toBe(true);
    expect(isNoProxy('anything', '1', '*')).toBe(true);
  });

  it('picks the proxy by scheme from the environment, and an explicit URL over it', () => {
    const env = { HTTPS_PROXY: 'http://p:3128', http_proxy: 'http://q:8080', NO_PROXY: 'internal.lan' };
    expect(proxyForUrl('https://x.com/h', { mode: 'env' }, env)).toBe('http://p:3128/');
    expect(proxyForUrl('http://x.com/h', { mode: 'env' }, env)).toBe('http://q:8080/');
    expect(proxyForUrl('https://svc.internal.lan/h', { mode: 'env' }, env)).toBeNull();
    expect(proxyForUrl('https://x.com/h', { mode: 'url', url: 'http://z:1' }, env)).toBe('http://z:1/');
    expect(proxyForUrl('https://x.com/h', { mode: 'none' }, env)).toBeNull();
  });

  it('reads a value without a scheme as http://, as curl does, and shows it without credentials', () => {
    for (const [value, connect, shown] of [
      ['127.0.0.1:9011', 'http://127.0.0.1:9011/', 'http://127.0.0.1:9011'],
      ['localhost:9011', 'http://localhost:9011/', 'http://localhost:9011'],
      ['proxy.corp', 'http://proxy.corp/', 'http://proxy.corp'],
      ['[::1]:3128', 'http://[::1]:3128/', 'http://[::1]:3128'],
      ['u:p%40ss@proxy:3128', 'http://u:p%40ss@proxy:3128/', `http://${MASKED_SECRET}@proxy:3128`],
      ['https://proxy:8443', 'https://proxy:8443/', 'https://proxy:8443'],
    ]) {
      const r = resolveProxy('https://x.com/h', { mode: 'env' }, { HTTPS_PROXY: value });
      expect(r).toEqual({ ok: true, proxy: { connectUrl: connect, url: shown, source: 'HTTPS_PROXY' } });
    }
  });

  it('fails a value that still does not parse, naming where it was set, credentials masked', () => {
    const bad = resolveProxy('https://x.com/h', { mode: 'env' }, { https_proxy: 'http://me:hunter22@:9011' });
    expect(bad).toMatchObject({ ok: false, error: { errorClass: 'proxy', code: 'ERR_INVALID_PROXY_URL' } });
    const text = JSON.stringify(bad);
    expect(text).toContain('https_proxy');
    expect(text).not.toContain('hunter22');
    expect(proxyForUrl('https://x.com/h', { mode: 'url', url: 'socks5://p:1080' }, {})).toMatch(/^The proxy setting is not a usable proxy \(socks5:\/\/ proxies are not supported/);
  });
});
