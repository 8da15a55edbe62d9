import { describe, expect, it } from 'vitest';
import { checkGlobalNetwork, checkWebhookNetwork, compactNetwork, INSECURE_TLS_WARNING, pemCertificates } from './network';
import { validateWebhookInput } from './webhook-rules';
import { emptyWebhookInput, MASKED_SECRET } from './webhook';

const block = (label: string, body = 'MIIBszCCAVmgAwIBAgIUQ2xhdWRlIHRlc3QgY2VydA==') => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
const CERT = block('CERTIFICATE');
const KEY = block('PRIVATE KEY');
const fields = (issues: { field: string }[]) => issues.map((i) => i.field);

describe('webhook network rules', () => {
  it('accepts one or more certificates, a key pair, an http(s) proxy', () => {
    expect(checkWebhookNetwork({ extraCaPem: CERT + CERT, clientCertPem: CERT, clientKeyPem: KEY, proxyUrl: 'https://proxy.corp:8443' })).toEqual([]);
    expect(checkWebhookNetwork({ proxyUrl: 'http://10.0.0.1:3128/' })).toEqual([]);
    expect(pemCertificates(`# Subject: Corp Root\n${CERT}junk\n${CERT}`)).toHaveLength(2);
  });

  it('refuses text that is not a PEM certificate, naming the field and the fix', () => {
    const [notPem] = checkWebhookNetwork({ extraCaPem: 'MIIB…' });
    expect(notPem).toMatchObject({ field: 'network.extraCaPem', message: expect.stringMatching(/must be PEM text .*BEGIN and END lines/) });
    expect(checkWebhookNetwork({ extraCaPem: KEY })[0]?.message).toMatch(/holds a private key/);
    expect(checkWebhookNetwork({ extraCaPem: block('CERTIFICATE', 'not base64 !!') })[0]?.message).toMatch(/not base64/);
    expect(checkWebhookNetwork({ extraCaPem: block('X509 CRL') })[0]?.message).toMatch(/"X509 CRL" block/);
  });

  it('needs the certificate and the key together, and refuses an encrypted or malformed key', () => {
    expect(fields(checkWebhookNetwork({ clientCertPem: CERT }))).toEqual(['network.clientKeyPem']);
    expect(fields(checkWebhookNetwork({ clientKeyPem: KEY }))).toEqual(['network.clientCertPem']);
    expect(checkWebhookNetwork({ clientCertPem: CERT, clientKeyPem: block('ENCRYPTED PRIVATE KEY') })[0]?.message).toMatch(/openssl pkey/);
    expect(checkWebhookNetwork({ clientCertPem: CERT, clientKeyPem: CERT })[0]?.message).toMatch(/Client key must be one PEM private key/);
    expect(checkWebhookNetwork({ clientCertPem: CERT, clientKeyPem: block('EC PRIVATE KEY') })).toEqual([]);
  });

  it('does not judge a key given as a reference or masked', () => {
    for (const clientKeyPem of ['${env:CLIENT_KEY}', 'secret:abc', MASKED_SECRET]) expect(checkWebhookNetwork({ clientCertPem: CERT, clientKeyPem })).toEqual([]);
  });

  it.each(['socks5://proxy:1080', 'proxy:3128', 'http://', 'ftp://p'])('refuses the proxy %s', (proxyUrl) => {
    expect(checkWebhookNetwork({ proxyUrl })).toEqual([{ field: 'network.proxyUrl', message: expect.stringMatching(/http:\/\/ or https:\/\//) }]);
  });

  it('refuses a proxy with a path', () => {
    expect(checkWebhookNetwork({ proxyUrl: 'http://proxy:3128/pac' })[0]?.message).toMatch(/write only http:\/\/proxy:3128/);
  });

  it('refuses credentials in the proxy URL, which would be saved and exported in clear', () => {
    const issues = checkWebhookNetwork({ proxyUrl: 'http://me:hunter2@proxy.corp:3128' });
    expect(issues).toEqual([expect.objectContaining({ field: 'network.proxyUrl', message: expect.stringMatching(/user name or password.*HTTPS_PROXY/) })]);
  });

  it('warns, without blocking, when TLS verification is off', () => {
    expect(checkWebhookNetwork({ insecureTls: true })).toEqual([{ field: 'network.insecureTls', severity: 'warning', message: INSECURE_TLS_WARNING }]);
    const input = { ...emptyWebhookInput(), name: 'Local', url: 'https://example.com/hook', network: { insecureTls: true } };
    const checked = validateWebhookInput(input);
    expect(checked.value?.network).toEqual({ insecureTls: true });
    expect(fields(checked.issues)).toEqual(['network.insecureTls']);
  });

  it('blocks saving a webhook with a broken network setting and reports every field at once', () => {
    const checked = validateWebhookInput({ ...emptyWebhookInput(), name: 'Local', url: 'https://example.com/hook', network: { extraCaPem: 'x', proxyUrl: 'socks://y' } });
    expect(checked.value).toBeUndefined();
    expect(fields(checked.issues)).toEqual(['network.extraCaPem', 'network.proxyUrl']);
    expect(fields(validateWebhookInput({ ...emptyWebhookInput(), name: 'A', url: 'https://e.com', network: 'on' }).issues)).toEqual(['network']);
  });

  it('compacts empty values away, to undefined when nothing is left', () => {
    expect(compactNetwork({ insecureTls: false, extraCaPem: '  ', proxyUrl: '' })).toBeUndefined();
    expect(compactNetwork({ insecureTls: false, proxyUrl: ' http://p:1 ' })).toEqual({ proxyUrl: 'http://p:1' });
  });

  it('checks the app-wide settings by field', () => {
    expect(fields(checkGlobalNetwork({ extraCaPem: 'x', proxyUrl: 'x' }))).toEqual(['network.extraCaPem', 'network.proxyUrl']);
    expect(checkGlobalNetwork({ extraCaPem: CERT, proxyUrl: 'http://p:3128' })).toEqual([]);
  });
});
