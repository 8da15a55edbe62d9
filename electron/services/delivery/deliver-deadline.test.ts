/**
 * The webhook's timeout bounds the whole invocation (issue 4, Deliver #1): the OAuth2 token call, the webhook
 * call and any refresh-and-retry share one deadline, and the timeout names the call it hit.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
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

/**
 * Time is driven, not waited for: the deadline reads `performance.now()`, which the fake timers own, so a token
 * endpoint "takes" `tokenMs` by moving that clock on before it answers. Only `performance` is faked; sockets and
 * the dispatcher's own timers stay real.
 */
async function pair(name: string, tokenMs: number, hook: 'answer' | 'hold'): Promise<{ webhook: Webhook; hookSeen: () => Promise<number> }> {
  await rx.server.forPost(`/${name}/token`).thenCallback(() => {
    vi.advanceTimersByTime(tokenMs);
    return { statusCode: 200, json: { access_token: `tok-${name}`, token_type: 'Bearer', expires_in: 300 } };
  });
  const ep = hook === 'hold' ? await rx.server.forPost(`/${name}/hook`).thenTimeout() : await rx.server.forPost(`/${name}/hook`).thenJson(200, { status: 'ok' });
  const auth: WebhookAuth = { type: 'oauth2', clientId: 'c', clientSecret: 'client-secret', tokenUrl: rx.url(`/${name}/token`), scopes: [] };
  const webhook = { ...emptyWebhookInput(), id: `wh-${name}`, name, createdAt: '', updatedAt: '', url: rx.url(`/${name}/hook`), auth, timeoutSeconds: 2 };
  return { webhook, hookSeen: async () => (await ep.getSeenRequests()).length };
}

const run = (webhook: Webhook) =>
  deliver({ webhook, renderedBody: '{}', trigger: 'RequestCreated', event: {}, options: { tls: { extraCaPem: [rx.caPem] }, proxy: { mode: 'none' }, tokenCache: new TokenCache() } });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('one deadline for the whole invocation', () => {
  it('gives the webhook call only what the token call left, and names the webhook call when that runs out', async () => {
    // The token call takes 1.2 s of the 2 s; the webhook endpoint never answers, so the call ends on its share.
    const { webhook } = await pair('split', 1200, 'hold');
    const rec = await run(webhook);
    expect(rec.outcome).toBe('Failure');
    expect(rec.steps.map((s) => s.kind)).toEqual(['oauth-token', 'webhook']);
    expect(rec.steps[0]?.error).toBeNull();
    expect(rec.error?.errorClass).toBe('response-timeout');
    expect(rec.error?.message).toMatch(/webhook call/);
    expect(rec.error?.message).toMatch(/2 s timeout covers the token request and the webhook call/);
  });

  it('does not start the webhook call when the token call used the whole budget', async () => {
    const { webhook, hookSeen } = await pair('spent', 2500, 'answer');
    const rec = await run(webhook);
    expect(rec.steps.map((s) => s.kind)).toEqual(['oauth-token']);
    expect(rec.error?.errorClass).toBe('response-timeout');
    expect(rec.error?.message).toMatch(/^The webhook's 2 s timeout ran out before the webhook call could start/);
    expect(await hookSeen()).toBe(0);
  });

  it('sends the webhook call with the time the token call left', async () => {
    const { webhook, hookSeen } = await pair('left', 1000, 'answer');
    const rec = await run(webhook);
    expect(rec.outcome).toBe('Success');
    expect(await hookSeen()).toBe(1);
  });

  it('names the token request when the time runs out there, and never calls the webhook', async () => {
    await rx.server.forPost('/token-slow/token').thenTimeout();
    const { webhook, hookSeen } = await pair('token-slow-hook', 0, 'answer');
    const rec = await run({ ...webhook, auth: { ...(webhook.auth as Extract<WebhookAuth, { type: 'oauth2' }>), tokenUrl: rx.url('/token-slow/token') } });
    expect(rec.steps.map((s) => s.kind)).toEqual(['oauth-token']);
    expect(rec.error?.errorClass).toBe('response-timeout');
    expect(rec.error?.message).toMatch(/^Token request failed: /);
    expect(await hookSeen()).toBe(0);
  });
});
