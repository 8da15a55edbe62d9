/**
 * The webhook's timeout bounds the whole invocation (issue 4, Deliver #1): the OAuth2 token call, the webhook
 * call and any refresh-and-retry share one deadline, and the timeout names the call it hit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyWebhookInput, type Webhook, type WebhookAuth } from '../../../shared/model/webhook';
import { startReceiver, type Receiver } from '../../../test/servers/receiver';
import { destroyAgents } from './agents';
import { deliver } from './deliver';
import { TokenCache } from './oauth2';

let rx: Receiver;
beforeAll(async () => {
  rx = await startReceiver();
});
afterAll(async () => {
  destroyAgents();
  await rx.stop();
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A token endpoint and a webhook endpoint on the receiver, each answering after `delayMs`. */
async function slowPair(name: string, delayMs: number): Promise<Webhook> {
  await rx.server.forPost(`/${name}/token`).thenCallback(async () => {
    await pause(delayMs);
    return { statusCode: 200, json: { access_token: `tok-${name}`, token_type: 'Bearer', expires_in: 300 } };
  });
  await rx.server.forPost(`/${name}/hook`).thenCallback(async () => {
    await pause(delayMs);
    return { statusCode: 200, json: { status: 'ok' } };
  });
  const auth: WebhookAuth = { type: 'oauth2', clientId: 'c', clientSecret: 'client-secret', tokenUrl: rx.url(`/${name}/token`), scopes: [] };
  return { ...emptyWebhookInput(), id: `wh-${name}`, name, createdAt: '', updatedAt: '', url: rx.url(`/${name}/hook`), auth, timeoutSeconds: 2 };
}

const run = (webhook: Webhook) =>
  deliver({ webhook, renderedBody: '{}', trigger: 'RequestCreated', event: {}, options: { tls: { extraCaPem: [rx.caPem] }, proxy: { mode: 'none' }, tokenCache: new TokenCache() } });

describe('one deadline for the whole invocation', () => {
  it('fails when the token call and the webhook call together take longer than the timeout, naming the webhook call', async () => {
    // Each call alone fits in 2 s; together they do not.
    const rec = await run(await slowPair('split', 1200));
    expect(rec.outcome).toBe('Failure');
    expect(rec.steps.map((s) => s.kind)).toEqual(['oauth-token', 'webhook']);
    expect(rec.steps[0]?.error).toBeNull();
    expect(rec.error?.errorClass).toBe('response-timeout');
    expect(rec.error?.message).toMatch(/webhook call/);
    expect(rec.error?.message).toMatch(/2 s timeout covers the token request and the webhook call/);
  });

  it('names the token request when the time runs out there, and never calls the webhook', async () => {
    const webhook = await slowPair('token-slow', 2500);
    const rec = await run(webhook);
    expect(rec.steps.map((s) => s.kind)).toEqual(['oauth-token']);
    expect(rec.error?.errorClass).toBe('response-timeout');
    expect(rec.error?.message).toMatch(/^Token request failed: /);
  });
});
