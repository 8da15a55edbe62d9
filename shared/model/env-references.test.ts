import { describe, expect, it } from 'vitest';
import { shellQuoteTemplate } from '../history/shell';
import { basicAuthorization } from './basic-auth';
import { envFields, envNamesIn, expandEnvReferences, hasEnvReference } from './env-references';
import { emptyWebhookInput } from './webhook';

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
