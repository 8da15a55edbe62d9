import { describe, expect, it } from 'vitest';
import { classifyProxyFailure } from './proxy-errors';

const env = { url: 'http://127.0.0.1:9011', source: 'HTTPS_PROXY' };
const setting = { url: 'https://••••••••@proxy.corp:8443', source: 'the proxy setting' };

describe('classifyProxyFailure', () => {
  it('names the proxy and where it was set, never the target', () => {
    const refused = classifyProxyFailure('ECONNREFUSED', 'connect ECONNREFUSED', 'connect', env);
    expect(refused).toEqual({
      errorClass: 'proxy',
      message: 'The proxy at 127.0.0.1:9011 refused the connection.',
      hint: "Nothing is listening at the proxy's address: check HTTPS_PROXY (http://127.0.0.1:9011), and that the proxy is running.",
      code: 'ECONNREFUSED',
    });
    expect(classifyProxyFailure('ENOTFOUND', 'getaddrinfo ENOTFOUND', 'dns', setting).message).toBe("The proxy's host name could not be resolved (proxy.corp:8443).");
    expect(classifyProxyFailure('EPROTO', 'wrong version number', 'tls', setting).hint).toMatch(/starts with https:\/\//);
  });

  it('tells a proxy that never accepted from one that never answered CONNECT, and keeps a cancel a cancel', () => {
    expect(classifyProxyFailure('ETIMEDOUT', 't', 'connect', env).message).toBe('Timed out while connecting to the proxy at 127.0.0.1:9011.');
    expect(classifyProxyFailure('ETIMEDOUT', 't', 'tls', env).message).toBe('Timed out waiting for the proxy at 127.0.0.1:9011 to open the tunnel.');
    expect(classifyProxyFailure('ERR_CANCELED', 'canceled', 'tls', env).errorClass).toBe('cancelled');
  });

  it('asks for credentials in the proxy URL on a 407', () => {
    const e = classifyProxyFailure('ERR_PROXY_CONNECT', 'The proxy refused the tunnel to x:443: 407 Proxy Authentication Required', 'tls', env);
    expect(e.errorClass).toBe('proxy');
    expect(e.hint).toMatch(/http:\/\/user:password@host:port/);
  });
});
