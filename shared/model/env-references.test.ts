import { describe, expect, it } from 'vitest';
import { shellQuoteTemplate } from '../history/shell';
import { basicAuthorization } from './basic-auth';
import { envFields, envNamesIn, expandEnvReferences, hasEnvReference } from './env-references';
import { emptyWebhookInput } from './webhook';
import { urlCredentialWarnings } from './url-credentials';

describe('${env:NAME} inside values', () => {
  it('expands every reference, lists what it read and what is unset', () => {
    const out = expandEnvReferences('Splunk ${env:HEC}-${env:NOPE}/${env:HEC}', { HEC: 'abc' });
    expect(out).toEqual({ value: 'Splunk abc-${env:NOPE}/abc', read: ['abc', 'abc'], missing: ['NOPE'] });
    expect(envNamesIn('a${env:X}b${env:Y}${env:X}')).toEqual(['X', 'Y']);
    expect(hasEnvReference('${env:1BAD}')).toBe(false);
  });

  it('never reads Object.prototype for a name such as constructor', () => {
    expect(expandEnvReferences('${env:constructor}', {}).missing).toEqual(['constructor']);
  });

  it('covers the URL, every header, and the auth fields', () => {
    const w = { ...emptyWebhookInput(), headers: [{ key: 'A', value: 'x' }], auth: { type: 'basic' as const, username: 'u', password: 'p' } };
    expect(envFields(w).map((f) => f.field)).toEqual(['url', 'headers.0.value', 'auth.username', 'auth.password']);
  });

  it('writes a reference inside a shell word as "$NAME"', () => {
    expect(shellQuoteTemplate('Authorization: Splunk ${env:HEC_TOKEN}')).toBe(`'Authorization: Splunk '"$HEC_TOKEN"`);
    expect(shellQuoteTemplate('https://l.example.com/?token=${env:T}&x=1')).toBe(`'https://l.example.com/?token='"$T"'&x=1'`);
  });

  it('builds Basic credentials from UTF-8 bytes (RFC 7617)', () => {
    expect(basicAuthorization('Aladdin', 'open sesame')).toBe('Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==');
    expect(basicAuthorization('test', '123£')).toBe('Basic dGVzdDoxMjPCow==');
  });
});

describe('a URL that embeds a credential in clear', () => {
  it.each([
    ['https://prod-27.westus.logic.azure.com/workflows/5f/triggers/manual/paths/invoke?api-version=2016-06-01&sig=abc123', 'sig='],
    ['https://listener.logz.io/?token=abcDEF123&type=Apono', 'token=${env:LOGZ_TOKEN}'],
    ['https://acme.workflows.okta.com/api/flo/abc/invoke?clientToken=xyz', 'clientToken='],
    ['https://hooks.slack.com/services/T0001/B0002/XXXXXXXX', 'https://hooks.slack.com/services/T0001/B0002/${env:SLACK_WEBHOOK_TOKEN}'],
  ])('%s gets a warning with the ${env:NAME} form', (url, suggestion) => {
    const [w] = urlCredentialWarnings(url, 'url');
    expect(w).toMatchObject({ field: 'url', severity: 'warning' });
    expect(w!.message).toContain(suggestion);
    expect(w!.message).toContain('${env:');
  });

  it.each(['https://listener.logz.io/?token=${env:LOGZIO_TOKEN}&type=Apono', 'https://hooks.slack.com/services/T1/B2/${env:SLACK}', 'https://example.com/hook?type=x'])('%s draws none', (url) => {
    expect(urlCredentialWarnings(url, 'url')).toEqual([]);
  });
});
