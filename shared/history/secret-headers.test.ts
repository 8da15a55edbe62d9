import { describe, expect, it } from 'vitest';
import { isCredentialHeader } from './secret-headers';

describe('credential headers by name', () => {
  it('knows authorization, cookies, API keys, tokens, secrets, passwords and signatures, in any case', () => {
    const credentials = ['Authorization', 'proxy-authorization', 'Cookie', 'X-Api-Key', 'api-key', 'APIKEY', 'x_api_key', 'X-Auth-Token', 'Token', 'x_session_token', 'X-Client-Secret', 'Secret', 'X-Password', 'passwd', 'X-Hub-Signature-256'];
    expect(credentials.filter((n) => !isCredentialHeader(n))).toEqual([]);
  });

  it('leaves ordinary headers alone', () => {
    const ordinary = ['Content-Type', 'X-Request-Id', 'X-Auth-User', 'X-Tokenizer', 'Accept-Language', 'X-Tenant'];
    expect(ordinary.filter(isCredentialHeader)).toEqual([]);
  });
});
