import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MASKED_SECRET, emptyWebhookInput, type Webhook, type WebhookAuth } from '../../../shared/model/webhook';
import { BASIC_CLIENT, POST_CLIENT, SCOPE, startOAuthServer, type OAuthServer } from '../../../test/servers/oauth-server';
import { startReceiver, type Receiver } from '../../../test/servers/receiver';
import { heldEndpoint } from '../../../test/support/held-endpoint';
import { destroyAgents } from './agents';
import { deliver, type DeliverOptions } from './deliver';
import { TokenCache } from './oauth2';

let rx: Receiver;
let as: OAuthServer;
let opts: DeliverOptions;

beforeAll(async () => {
  [rx, as] = await Promise.all([startReceiver(), startOAuthServer(300)]);
  opts = { tls: { extraCaPem: [rx.caPem] }, proxy: { mode: 'none' } };
});
afterAll(async () => {
  destroyAgents();
  await Promise.all([rx.stop(), as.stop()]);
});

function webhook(path: string, patch: Partial<Webhook> = {}): Webhook {
  return { ...emptyWebhookInput(), id: 'wh-1', name: 'test-hook', createdAt: '', updatedAt: '', url: rx.url(path), ...patch };
}
const run = (w: Webhook, extra: DeliverOptions = {}) =>
  deliver({ webhook: w, renderedBody: '{"event_type":"RequestCreated"}', trigger: 'RequestCreated', event: { id: 1 }, options: { ...opts, ...extra } });

/** A receiver endpoint that accepts only live tokens from the OAuth server, like a real resource server. */
async function protectedEndpoint(path: string) {
  return rx.server.forPost(path).thenCallback(async (req) => {
    const auth = req.headers.authorization;
    const token = typeof auth === 'string' && auth.startsWith('Bearer ') ? auth.slice(7) : '';
    return (await as.isValid(token)) ? { statusCode: 200, json: { status: 'ok' } } : { statusCode: 401, json: { error: 'invalid_token' } };
  });
}

describe('deliver: auth', () => {
  it('sends a bearer token and custom secret headers, and masks both in the record', async () => {
    const ep = await rx.server.forPost('/bearer').thenReply(200, '{"status":"ok"}');
    const rec = await run(webhook('/bearer', { auth: { type: 'bearer', token: 'tok-abcdef' }, headers: [{ key: 'X-Api-Key', value: 'key-123456', secret: true }, { key: 'X-Plain', value: 'p' }] }));
    const [seen] = await ep.getSeenRequests();
    expect(seen?.headers.authorization).toBe('Bearer tok-abcdef');
    expect(seen?.headers['x-api-key']).toBe('key-123456');
    expect(rec.outcome).toBe('Success');
    const text = JSON.stringify(rec);
    expect(text).not.toContain('tok-abcdef');
    expect(text).not.toContain('key-123456');
    expect(rec.request?.headers).toContainEqual(['Authorization', `Bearer ${MASKED_SECRET}`]);
    expect(rec.request?.headers).toContainEqual(['X-Api-Key', MASKED_SECRET]);
    expect(rec.webhook.auth).toEqual({ type: 'bearer', token: MASKED_SECRET });
  });

  it.each([
    ['basic', BASIC_CLIENT],
    ['post', POST_CLIENT],
  ] as const)('gets an OAuth2 token with client_secret_%s, records the token step, and masks secret and token', async (method, client) => {
    await protectedEndpoint(`/oauth-${method}`);
    const auth: WebhookAuth = { type: 'oauth2', clientId: client.id, clientSecret: client.secret, tokenUrl: as.tokenUrl, scopes: [SCOPE], clientAuthMethod: method };
    const rec = await run(webhook(`/oauth-${method}`, { auth }), { tokenCache: new TokenCache() });
    expect(rec.outcome).toBe('Success');
    expect(rec.steps.map((s) => s.kind)).toEqual(['oauth-token', 'webhook']);
    const tokenStep = rec.steps[0];
    expect(tokenStep?.response?.status).toBe(200);
    expect(tokenStep?.timings?.totalMs).toBeGreaterThan(0);
    expect(tokenStep?.request?.body).toContain('grant_type=client_credentials');
    const text = JSON.stringify(rec);
    expect(text).not.toContain(client.secret);
    expect(text).not.toContain(encodeURIComponent(client.secret));
    expect(text).not.toMatch(/"access_token":"(?!••)/);
  });

  it('caches the token, and on a 401 with a cached token refreshes once and retries', async () => {
    await protectedEndpoint('/cached');
    const cache = new TokenCache();
    const auth: WebhookAuth = { type: 'oauth2', clientId: BASIC_CLIENT.id, clientSecret: BASIC_CLIENT.secret, tokenUrl: as.tokenUrl, scopes: [SCOPE] };
    const w = webhook('/cached', { auth });
    const before = as.issued();
    const first = await run(w, { tokenCache: cache });
    const second = await run(w, { tokenCache: cache });
    expect(as.issued() - before).toBe(1);
    expect(second.steps[0]).toMatchObject({ kind: 'oauth-token', fromCache: true });
    expect(second.outcome).toBe('Success');

    // Revoke the cached token server-side: the next delivery gets 401, fetches a new token and retries.
    const token = cache.get({ tokenUrl: as.tokenUrl, clientId: BASIC_CLIENT.id, clientSecret: BASIC_CLIENT.secret, scopes: [SCOPE], authMethod: 'basic' });
    await as.revoke(token ?? '');
    const third = await run(w, { tokenCache: cache });
    expect(third.steps.map((s) => `${s.kind}#${s.attempt}`)).toEqual(['oauth-token#1', 'webhook#1', 'oauth-token#2', 'webhook#2']);
    expect(third.steps[1]?.response?.status).toBe(401);
    expect(third.outcome).toBe('Success');
    expect(first.outcome).toBe('Success');
  });

  it('expires cached tokens 30 s before their expiry', async () => {
    let now = 1_000_000;
    const cache = new TokenCache(() => now);
    const req = { tokenUrl: 'https://t', clientId: 'c', clientSecret: 's', scopes: [], authMethod: 'basic' as const };
    cache.set(req, 'tok', 60);
    now += 29_000;
    expect(cache.get(req)).toBe('tok');
    now += 1_000;
    expect(cache.get(req)).toBeNull();
  });

  it('fails on a wrong client secret with an oauth-token error, and never calls the target', async () => {
    const ep = await rx.server.forPost('/never').thenReply(200, '{}');
    const auth: WebhookAuth = { type: 'oauth2', clientId: BASIC_CLIENT.id, clientSecret: 'wrong-secret', tokenUrl: as.tokenUrl, scopes: [SCOPE] };
    const rec = await run(webhook('/never', { auth }), { tokenCache: new TokenCache() });
    expect(rec.outcome).toBe('Failure');
    expect(rec.error).toMatchObject({ errorClass: 'oauth-token', status: 401, code: 'invalid_client' });
    expect(rec.steps).toHaveLength(1);
    expect(await ep.getSeenRequests()).toHaveLength(0);
    expect(JSON.stringify(rec)).not.toContain('wrong-secret');
  });
});

describe('deliver: outcome', () => {
  it('fails a 429 and shows Retry-After', async () => {
    await rx.server.forPost('/limited').thenReply(429, 'slow down', { 'Retry-After': '30' });
    const rec = await run(webhook('/limited'));
    expect(rec.outcome).toBe('Failure');
    expect(rec.error).toMatchObject({ errorClass: 'http-status', status: 429, retryAfter: '30' });
  });

  it('applies validators: pass, mismatch, non-JSON', async () => {
    await rx.server.forPost('/v-ok').thenReply(200, '{"status":"accepted","code":201}');
    await rx.server.forPost('/v-html').thenReply(200, '<html>ok</html>');
    const validators = [
      { jsonPath: '$.data.status', expectedValues: ['accepted'] },
      { jsonPath: '$.data.code', expectedValues: ['201', '200'] },
    ];
    const pass = await run(webhook('/v-ok', { responseValidators: validators }));
    expect(pass.outcome).toBe('Success');
    expect(pass.validators.every((v) => v.passed)).toBe(true);

    const mismatch = await run(webhook('/v-ok', { responseValidators: [{ jsonPath: '$.data.status', expectedValues: ['done'] }] }));
    expect(mismatch.error?.errorClass).toBe('validator-mismatch');

    const html = await run(webhook('/v-html', { responseValidators: validators }));
    expect(html.error?.errorClass).toBe('validator-mismatch');
    expect(html.validators.map((v) => v.reason)).toEqual(['the response body is not JSON', 'the response body is not JSON']);
  });

  it('refuses a body that is not JSON, and (when asked) a URL Apono would refuse, without sending', async () => {
    const bad = await deliver({ webhook: webhook('/x'), renderedBody: '{"a": }', trigger: 'RequestCreated', event: {}, options: opts });
    expect(bad).toMatchObject({ outcome: 'Failure', request: null, steps: [] });
    expect(bad.error?.errorClass).toBe('invalid-body');

    const http = await run(webhook('/x', { url: 'http://localhost:1/x' }), { enforceAponoUrlRules: true });
    expect(http.error?.errorClass).toBe('url-refused');
    const port = await run(webhook('/ported'), {});
    expect(port.warnings.some((w) => w.includes('port'))).toBe(true);
  });

  // The default timeout (30 s) is twice what this test may run: only the webhook's 1 s can end the send in
  // time, so a timeout setting that was ignored fails the test without any duration being compared.
  it('uses the webhook timeout', async () => {
    await rx.server.forPost('/slow').thenTimeout();
    const rec = await run(webhook('/slow', { timeoutSeconds: 1 }));
    expect(rec.error?.errorClass).toBe('response-timeout');
    expect(rec.steps).toHaveLength(1);
  }, 15_000);

  it('records a failed send as a step with the request and no response, and stops on cancellation', async () => {
    const refused = await run(webhook('/x', { url: 'https://localhost:1/hook' }));
    expect(refused).toMatchObject({ outcome: 'Failure', response: null });
    expect(refused.error?.errorClass).toBe('connection-refused');
    expect(refused.request?.url).toBe('https://localhost:1/hook');

    // Cancelled once the request is at the server (an order, not a delay).
    const held = await heldEndpoint(rx.server, '/hang');
    const ac = new AbortController();
    try {
      const running = run(webhook('/hang'), { signal: ac.signal });
      await held.reached;
      ac.abort();
      const cancelled = await running;
      expect(cancelled.error?.errorClass).toBe('cancelled');
      expect(cancelled.response).toBeNull();
    } finally {
      held.release();
    }
  });
});
