import { describe, expect, it } from 'vitest';
import { checkAponoUrl, classifyHttpStatus, classifyNetworkError } from './errors';

describe('classifyNetworkError', () => {
  it.each([
    ['ENOTFOUND', 'dns', 'dns'],
    ['ECONNREFUSED', 'connect', 'connection-refused'],
    ['ECONNRESET', 'response', 'connection-reset'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls', 'tls-self-signed'],
    ['CERT_HAS_EXPIRED', 'tls', 'tls-expired'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls', 'tls-hostname'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls', 'tls-untrusted'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'tls', 'tls-untrusted'],
    ['ERR_CANCELED', 'response', 'cancelled'],
  ] as const)('%s in %s → %s', (code, phase, expected) => {
    const e = classifyNetworkError(code, 'x', phase);
    expect(e.errorClass).toBe(expected);
    expect(e.hint.length).toBeGreaterThan(10);
    expect(e.code).toBe(code);
  });

  it('tells a connect timeout from a response timeout by phase', () => {
    expect(classifyNetworkError('ETIMEDOUT', 't', 'tls').errorClass).toBe('connect-timeout');
    expect(classifyNetworkError('ETIMEDOUT', 't', 'response').errorClass).toBe('response-timeout');
  });

  it('reads a hang-up without a code as a reset', () => {
    expect(classifyNetworkError(undefined, 'socket hang up', 'response').errorClass).toBe('connection-reset');
  });

  it('reads the server\'s TLS alerts about the client certificate', () => {
    const badCert = classifyNetworkError('ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE', 'ssl3_read_bytes:sslv3 alert bad certificate', 'response', { clientCert: true });
    expect(badCert).toMatchObject({ errorClass: 'tls-client-cert', message: 'The server rejected the client certificate (TLS alert: bad certificate).' });
    // In a message only (EPROTO), and with no certificate sent: the server wants one.
    const noCert = classifyNetworkError('EPROTO', 'write EPROTO …:tlsv1 alert unknown ca:…', 'tls', { clientCert: false });
    expect(noCert).toMatchObject({ errorClass: 'tls-client-cert', message: 'The server requires a client certificate, and none was sent.' });
    // TLS 1.2 servers say only "handshake failure" when the certificate is missing: the hint mentions it.
    expect(classifyNetworkError('EPROTO', 'sslv3 alert handshake failure', 'tls').hint).toMatch(/requires a client certificate/);
    expect(classifyNetworkError('ERR_OSSL_PEM_NO_START_LINE', 'no start line', 'connect', { clientCert: true }).errorClass).toBe('tls-client-cert');
  });

  it('blames a reset right after the handshake on the client certificate only on a new connection that presented one', () => {
    const fresh = classifyNetworkError('ECONNRESET', 'socket hang up', 'response', { clientCert: true, freshConnection: true });
    const reused = classifyNetworkError('ECONNRESET', 'socket hang up', 'response', { clientCert: true, freshConnection: false });
    expect(fresh.hint).toMatch(/rejected the client certificate/);
    expect(reused.hint).not.toMatch(/client certificate/);
  });

  it('says when the port answers with something other than HTTP, or with broken HTTP', () => {
    expect(classifyNetworkError('HPE_INVALID_CONSTANT', 'Parse Error: Expected HTTP/', 'response')).toMatchObject({ errorClass: 'protocol', message: 'The port answered, but not with HTTP.' });
    expect(classifyNetworkError('HPE_INVALID_HEADER_TOKEN', 'Parse Error: Invalid header value char', 'response').message).toMatch(/not valid HTTP/);
  });
});

describe('classifyHttpStatus', () => {
  it('is null for 2xx and points 401/403 at authentication', () => {
    expect(classifyHttpStatus(204, [])).toBeNull();
    expect(classifyHttpStatus(401, [])?.hint).toMatch(/Bearer/);
    expect(classifyHttpStatus(403, [])?.hint).toMatch(/scopes/);
  });

  it('shows Retry-After on 429', () => {
    const e = classifyHttpStatus(429, [['Retry-After', '120']]);
    expect(e).toMatchObject({ errorClass: 'http-status', status: 429, retryAfter: '120' });
    expect(e?.hint).toContain('120 s');
  });

  it('explains 503 as the service being unavailable, with its Retry-After, not as a rate limit', () => {
    const e = classifyHttpStatus(503, [['Retry-After', '120']]);
    expect(e).toMatchObject({ errorClass: 'http-status', status: 503, retryAfter: '120' });
    expect(e?.hint).toMatch(/unavailable: overloaded, down for maintenance/);
    expect(e?.hint).toContain('retry after 120 s (Retry-After)');
    expect(e?.hint).not.toMatch(/limit|space out/i);
    const bare = classifyHttpStatus(503, []);
    expect(bare?.hint).toMatch(/Try again later/);
    expect(bare?.hint).not.toMatch(/Retry-After|limit/);
  });

  it('explains redirects and server errors', () => {
    expect(classifyHttpStatus(302, [['location', 'https://x/y']])?.hint).toContain('https://x/y');
    expect(classifyHttpStatus(502, [])?.hint).toMatch(/logs/);
  });
});

describe('checkAponoUrl', () => {
  it('refuses http and warns about an explicit port', () => {
    expect(checkAponoUrl('http://example.com/h').errors).toHaveLength(1);
    expect(checkAponoUrl('https://example.com:8088/h')).toEqual({ errors: [], warnings: [expect.stringContaining('8088')] });
    expect(checkAponoUrl('nope').errors).toHaveLength(1);
  });
});
