import { describe, expect, it } from 'vitest';
import { isNoProxy, proxyForUrl } from './proxy-rules';

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
    expect(proxyForUrl('https://x.com/h', { mode: 'env' }, env)).toBe('http://p:3128');
    expect(proxyForUrl('http://x.com/h', { mode: 'env' }, env)).toBe('http://q:8080');
    expect(proxyForUrl('https://svc.internal.lan/h', { mode: 'env' }, env)).toBeNull();
    expect(proxyForUrl('https://x.com/h', { mode: 'url', url: 'http://z:1' }, env)).toBe('http://z:1');
    expect(proxyForUrl('https://x.com/h', { mode: 'none' }, env)).toBeNull();
  });
});
