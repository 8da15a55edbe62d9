import { describe, expect, it } from 'vitest';
import { MASKED_SECRET, emptyWebhookInput } from '../model/webhook';
import { keepEnvReferences, maskDeep, maskHeaders, maskText, maskWebhook, secretForms } from './masking';

describe('masking', () => {
  it('keeps the Authorization scheme and masks secret headers and known secret values', () => {
    const out = maskHeaders(
      [
        ['Authorization', 'Bearer abc.def'],
        ['X-Api-Key', 'k-123456'],
        ['X-Echo', 'contains k-123456 here'],
        ['Accept', '*/*'],
      ],
      ['x-api-key'],
      ['k-123456'],
    );
    expect(out).toEqual([
      ['Authorization', `Bearer ${MASKED_SECRET}`],
      ['X-Api-Key', MASKED_SECRET],
      ['X-Echo', `contains ${MASKED_SECRET} here`],
      ['Accept', '*/*'],
    ]);
  });

  it('masks URL-encoded secrets in form bodies', () => {
    expect(maskText('client_secret=a%2Bb%2Fc&x=1', ['a+b/c'])).toBe(`client_secret=${MASKED_SECRET}&x=1`);
  });

  it('masks every secret of a webhook without touching the original', () => {
    const w = {
      ...emptyWebhookInput(),
      id: 'w1',
      createdAt: '',
      updatedAt: '',
      headers: [{ key: 'X-Key', value: 'plain-secret', secret: true }],
      auth: { type: 'oauth2' as const, clientId: 'c', clientSecret: 's3cret', tokenUrl: 'https://t', scopes: [] },
    };
    const m = maskWebhook(w);
    expect(m.headers[0]?.value).toBe(MASKED_SECRET);
    expect(m.auth).toMatchObject({ clientSecret: MASKED_SECRET, clientId: 'c' });
    expect(w.headers[0]?.value).toBe('plain-secret');
  });

  it('masks a secret with a quote and a backslash echoed inside JSON, and in \\u escapes', () => {
    const secret = 'a"b\\c-é-1234';
    const echoed = JSON.stringify({ token: secret });
    expect(maskText(echoed, [secret])).toBe(`{"token":"${MASKED_SECRET}"}`);
    const ascii = echoed.replace('é', '\\u00e9');
    expect(maskText(ascii, [secret])).toBe(`{"token":"${MASKED_SECRET}"}`);
    // PHP's json_encode escapes slashes.
    expect(maskText('{"k":"a\\/b\\/c-1234"}', ['a/b/c-1234'])).toBe(`{"k":"${MASKED_SECRET}"}`);
  });

  it('masks a secret inside base64 at every byte offset (an echoed Basic credential), standard and URL-safe', () => {
    const secret = 'pass-word-1234567';
    for (const prefix of ['', 'u:', 'us:', 'usr:']) {
      const std = btoa(prefix + secret);
      const masked = maskText(`Basic ${std}`, [secret]);
      expect(masked).toContain(MASKED_SECRET);
      // What is left cannot spell the secret: fewer than 3 of its bytes stay on either side.
      expect(masked.replace(/Basic |•/g, '').length).toBeLessThanOrEqual(12);
      const url = std.replace(/\+/g, '-').replace(/\//g, '_');
      expect(maskText(url, [secret])).toContain(MASKED_SECRET);
    }
  });

  it('masks URL-encoded forms in either case, and with + for spaces', () => {
    const secret = 'sp ace/slash?';
    expect(maskText('a=sp+ace%2Fslash%3F', [secret])).toBe(`a=${MASKED_SECRET}`);
    expect(maskText('a=sp%20ace%2fslash%3f', [secret])).toBe(`a=${MASKED_SECRET}`);
  });

  it('masks every string of a record, keys included, without turning a __proto__ key into a prototype', () => {
    const rec = JSON.parse('{"a":["x-secret-1"],"__proto__":{"polluted":"x-secret-1"},"n":1,"z":null,"x-secret-1":true}') as object;
    const out = maskDeep(rec, ['x-secret-1']);
    expect(JSON.stringify(out)).not.toContain('x-secret-1');
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toContain('__proto__');
    expect(maskDeep(rec, ['ab'])).toBe(rec);
  });

  it('masks a secret echoed in an HTML error page, whatever entities the page uses', () => {
    const secret = `k3y&sl<a>sh="q'-=7c1aZ`;
    // Escapers as servers use them: lodash/Express (&#39;), Python html.escape (&#x27;), Go html/template
    // (&#34;, &#39;, &#43;), Handlebars (&#x3D;, &#x60;), and decimal or hex numeric references for anything.
    const pages = [
      secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;'),
      secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;'),
      secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;'),
      secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;').replace(/=/g, '&#x3D;'),
      [...secret].map((c) => (/[a-z0-9]/i.test(c) ? c : `&#${c.codePointAt(0)};`)).join(''),
      [...secret].map((c) => (/[a-z0-9]/i.test(c) ? c : `&#X${c.codePointAt(0)!.toString(16).toUpperCase()};`)).join(''),
    ];
    for (const page of pages) expect(maskText(`<pre>token=${page}</pre>`, [secret]), page).toBe(`<pre>token=${MASKED_SECRET}</pre>`);
  });

  it('masks a secret echoed by JSON encoders that escape more than JSON.stringify (Go, .NET, Python)', () => {
    const secret = 'k3y&<+>\'-é🙂-"7c1aZ';
    const go = JSON.stringify(secret).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
    // System.Text.Json's default encoder: HTML-sensitive characters, + and non-ASCII as upper-case \uXXXX.
    const dotnet = JSON.stringify(secret).replace(/[<>&'+\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`).replace(/\\"/g, '\\u0022');
    // Python's json.dumps (ensure_ascii): lower-case \uXXXX, surrogate pairs for the emoji.
    const python = JSON.stringify(secret).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    for (const body of [go, dotnet, python]) expect(maskText(`{"t":${body}}`, [secret]), body).toBe(`{"t":"${MASKED_SECRET}"}`);
  });

  it('lists forms without throwing on a lone surrogate (encodeURIComponent cannot encode one)', () => {
    expect(secretForms('abc\ud800def')).toContain('abc\ud800def');
  });

  it('a record keeps the written form of a URL that reads a variable, once its value is masked', () => {
    const stored = { ...emptyWebhookInput(), url: 'https://listener.example.com/?token=${env:LOGZ_TOKEN}' };
    const resolved = { ...stored, url: 'https://listener.example.com/?token=logz-secret-123' };
    const masked = maskDeep(resolved, ['logz-secret-123']);
    expect(masked.url).toBe(`https://listener.example.com/?token=${MASKED_SECRET}`);
    expect(keepEnvReferences(masked, stored).url).toBe(stored.url);
    // A URL with no variable stays as recorded.
    expect(keepEnvReferences({ ...masked, url: 'https://a.example/' }, { ...stored, url: 'https://a.example/' }).url).toBe('https://a.example/');
  });
});
