/**
 * One OAuth2 token cache per backend (issue 14): a replay, exact or re-rendered, reuses the live token a Test
 * fetched instead of asking the authorization server (oidc-provider on loopback) for another.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/services/backend';
import { destroyAgents } from '../../electron/services/delivery/agents';
import { BASIC_CLIENT, SCOPE, startOAuthServer, type OAuthServer } from '../servers/oauth-server';
import { startReceiver, type Receiver } from '../servers/receiver';
import { backendTrusting } from '../support/receiver-suite';
import { tempDir } from '../support/temp-dir';
import { webhookInput } from '../support/webhook-fixtures';

let rx: Receiver;
let as: OAuthServer;
let dir: { path: string; cleanup: () => Promise<void> };
let backend: Backend;

beforeAll(async () => {
  [rx, as, dir] = await Promise.all([startReceiver(), startOAuthServer(300), tempDir('hooksmith-replay-token-')]);
  backend = await backendTrusting(rx, { dataDir: join(dir.path, 'data') });
});
afterAll(async () => {
  backend.history.store.close();
  destroyAgents();
  await Promise.all([rx.stop(), as.stop()]);
  await dir.cleanup();
});

describe('replay and Test share the token cache', () => {
  it('a replay (exact, then re-rendered) sends the token the Test fetched, and no new one is issued', async () => {
    const seenTokens: string[] = [];
    await rx.server.forPost('/protected').always().thenCallback(async (req) => {
      const token = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
      seenTokens.push(token);
      return (await as.isValid(token)) ? { statusCode: 200, json: { status: 'ok' } } : { statusCode: 401 };
    });
    const auth = { type: 'oauth2' as const, clientId: BASIC_CLIENT.id, clientSecret: BASIC_CLIENT.secret, tokenUrl: as.tokenUrl, scopes: [SCOPE], clientAuthMethod: 'basic' as const };
    const created = await backend.api.webhooks.create({ input: webhookInput({ name: 'OAuthReplay', url: rx.url('/protected'), auth }) });
    if (!created.ok) throw new Error(created.error.message);

    const tested = await backend.api.delivery.test({ webhookId: created.value.webhook.id, trigger: 'RequestCreated', runId: 'oauth-test' });
    expect(tested).toMatchObject({ ok: true, value: { outcome: 'Success' } });
    expect(as.issued()).toBe(1);
    const id = tested.ok ? tested.value.id : '';

    for (const mode of ['exact', 'rerender'] as const) {
      const replay = await backend.api.history.replay({ id, mode });
      expect(replay, mode).toMatchObject({ ok: true, value: { outcome: 'Success', replayOf: id } });
    }
    expect(as.issued()).toBe(1);
    expect(seenTokens).toHaveLength(3);
    expect(new Set(seenTokens).size).toBe(1);
  });
});
