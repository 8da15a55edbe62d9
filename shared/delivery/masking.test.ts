import { describe, expect, it } from 'vitest';
import { MASKED_SECRET, emptyWebhookInput } from '../model/webhook';
import { maskHeaders, maskText, maskWebhook } from './masking';

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
});
