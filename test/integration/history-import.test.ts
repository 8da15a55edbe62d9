/**
 * Importing curl commands and repro bundles through the history service, against a real HTTPS receiver
 * (mockttp): what lands in the data file, what the imported webhook sends, and what a replay may send where.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Backend } from '../../electron/services/backend';
import { DATA_FILE_NAME } from '../../electron/services/storage/data-file';
import { BUNDLE_KIND, BUNDLE_VERSION, type ReproBundle } from '../../shared/history/bundle';
import { MASKED_SECRET, type WebhookInput } from '../../shared/model/webhook';
import { webhookInput } from '../support/webhook-fixtures';
import { receiverSuite, backendTrusting } from '../support/receiver-suite';

const suite = receiverSuite();
const open: Backend[] = [];
afterEach(() => {
  for (const b of open.splice(0)) b.history.store.close();
});

async function backend(env: Record<string, string> = {}, sub = 'data'): Promise<Backend> {
  const b = await backendTrusting(suite.rx, { dataDir: join(suite.dir.path, sub), env });
  open.push(b);
  return b;
}

/** Imports `text`, failing the test with the service's message when it is refused. */
async function imported(b: Backend, text: string) {
  const r = await b.api.history.importBundle({ text });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/**
 * A bundle as a stranger could hand one over: written by hand, not by Hooksmith. Its request carries masked
 * secrets, so an exact replay fills them from the imported webhook.
 */
function handMadeBundle(url: string, webhook: Partial<WebhookInput>, over: Partial<ReproBundle> = {}): string {
  const body = '{"event_type":"RequestCreated"}';
  const bundle: ReproBundle = {
    kind: BUNDLE_KIND,
    bundleVersion: BUNDLE_VERSION,
    exportedAt: new Date().toISOString(),
    originalId: 'original-1',
    webhook: webhookInput({ name: 'Evil', url, ...webhook }),
    trigger: 'RequestCreated',
    event: { event_type: 'RequestCreated' },
    renderedBody: body,
    request: { method: 'POST', url, headers: [['Content-Type', 'application/json'], ['X-Api-Key', MASKED_SECRET], ['Authorization', `Bearer ${MASKED_SECRET}`]], body },
    response: null,
    steps: [],
    outcome: 'Failure',
    error: null,
    warnings: [],
    startedAt: new Date().toISOString(),
    durationMs: 12,
    ...over,
  };
  return JSON.stringify(bundle);
}

describe('curl import', () => {
  it('keeps credential headers as secrets: out of the data file and exports, still sent, and says so', async () => {
    const ep = await suite.rx.server.forPost('/creds').thenReply(200, '{}');
    const b = await backend();
    const secrets: Record<string, string> = {
      'X-Api-Key': 'abc-api-key-1',
      Cookie: 'session=cookie-value-2',
      'X-Auth-Token': 'auth-token-3',
      'api-key': 'plain-api-key-4',
      'X-Refresh-Token': 'refresh-5',
      'X-Client-Secret': 'client-secret-6',
      'X-Admin-Password': 'password-7',
      'X-Hub-Signature': 'sha256=signature-8',
    };
    const headerArgs = Object.entries(secrets).map(([k, v]) => `-H '${k}: ${v}'`).join(' ');
    const out = await imported(b, `curl ${suite.rx.url('/creds')} -u 'ada:pass-word-9' ${headerArgs} -H 'X-Plain: visible' --data-raw '{}'`);

    const basic = `Basic ${Buffer.from('ada:pass-word-9').toString('base64')}`;
    const file = await readFile(join(suite.dir.path, 'data', DATA_FILE_NAME), 'utf8');
    for (const v of [...Object.values(secrets), basic]) expect(file).not.toContain(v);
    expect(file).toContain('visible');
    const exported = await b.api.webhooks.exportDefinitions({ ids: [out.webhook.id] });
    if (!exported.ok) throw new Error(exported.error.message);
    for (const v of [...Object.values(secrets), basic]) expect(exported.value.text).not.toContain(v);

    const secretKeys = out.webhook.headers.filter((h) => h.secret).map((h) => h.key);
    expect(secretKeys.sort()).toEqual(['Authorization', ...Object.keys(secrets)].sort());
    expect(out.webhook.headers.find((h) => h.key === 'X-Plain')).toEqual({ key: 'X-Plain', value: 'visible' });
    expect(out.warnings).toContainEqual(expect.stringMatching(/^Made secret: Authorization, X-Api-Key, Cookie, X-Auth-Token, api-key, X-Refresh-Token, X-Client-Secret, X-Admin-Password, X-Hub-Signature;/));

    // Stored through the secrets module, and sent as they were written.
    const sent = await b.api.delivery.test({ webhookId: out.webhook.id, trigger: 'Manual', runId: 'creds' });
    if (!sent.ok) throw new Error(sent.error.message);
    const [seen] = await ep.getSeenRequests();
    expect(seen!.headers.authorization).toBe(basic);
    for (const [k, v] of Object.entries(secrets)) expect(seen!.headers[k.toLowerCase()]).toBe(v);
  });

  it('keeps "Authorization: Token …" secret and "Authorization: Bearer …" as bearer authentication', async () => {
    const b = await backend();
    const token = await imported(b, `curl -X POST https://hooks.example.com/t -H 'Authorization: Token tok-123456'`);
    expect(token.webhook.headers).toEqual([{ key: 'Authorization', value: expect.not.stringContaining('tok-123456'), secret: true }]);
    const bearer = await imported(b, `curl -X POST https://hooks.example.com/b -H 'Authorization: Bearer tok-abcdef'`);
    expect(bearer.webhook.headers).toEqual([]);
    expect(bearer.webhook.auth.type).toBe('bearer');
    expect(bearer.warnings.join('\n')).not.toMatch(/Made secret/);
    const file = await readFile(join(suite.dir.path, 'data', DATA_FILE_NAME), 'utf8');
    expect(file).not.toContain('tok-123456');
    expect(file).not.toContain('tok-abcdef');
  });

  it('keeps a header mixing text and an environment variable as written (a secret reference), read when sending', async () => {
    const ep = await suite.rx.server.forPost('/mixed').thenReply(200, '{}');
    const b = await backend({ HEC_TOKEN: 'hec-123456' });
    const out = await imported(b, `curl -X POST ${suite.rx.url('/mixed')} -H "Authorization: Splunk $HEC_TOKEN" -d '{}'`);
    expect(out.webhook.headers).toEqual([{ key: 'Authorization', value: 'Splunk ${env:HEC_TOKEN}', secret: true }]);
    const sent = await b.api.delivery.test({ webhookId: out.webhook.id, trigger: 'Manual', runId: 'mixed' });
    expect(sent.ok && sent.value.outcome).toBe('Success');
    const [seen] = await ep.getSeenRequests();
    expect(seen?.headers.authorization).toBe('Splunk hec-123456');
  });

  it('the header form the -u refusal suggests is kept as a secret environment reference and sent with its value', async () => {
    const ep = await suite.rx.server.forPost('/env-auth').thenReply(200, '{}');
    const basic = `Basic ${Buffer.from('ada:s3cret').toString('base64')}`;
    const b = await backend({ AUTH: basic });
    const refused = await b.api.history.importBundle({ text: `curl -u "$USER:$PASS" ${suite.rx.url('/env-auth')} -d '{}'` });
    expect(refused).toMatchObject({ ok: false, error: { field: 'text', message: expect.stringContaining('-H "Authorization: $AUTH"') } });
    const out = await imported(b, `curl ${suite.rx.url('/env-auth')} -H "Authorization: $AUTH" -d '{}'`);
    expect(out.webhook.headers).toEqual([{ key: 'Authorization', value: '${env:AUTH}', secret: true }]);
    const sent = await b.api.delivery.test({ webhookId: out.webhook.id, trigger: 'Manual', runId: 'env-auth' });
    if (!sent.ok) throw new Error(sent.error.message);
    const [seen] = await ep.getSeenRequests();
    expect(seen!.headers.authorization).toBe(basic);
  });
});

describe('bundle import', () => {
  it('replaces secrets naming any variable but the ones its own export writes (or held in clear) with the placeholders, so a replay cannot hand them out', async () => {
    const ep = await suite.rx.server.forPost('/collect').thenReply(200, '{}');
    const env = { HOME: '/home/victim', AWS_SECRET_ACCESS_KEY: 'aws-victim-key', HOOKSMITH_EVIL_X_API_KEY: 'meant-key', HOOKSMITH_EVIL_TOKEN: 'meant-token', HOOKSMITH_EVIL_X_KEPT: 'k', HOOKSMITH_EVIL_X_CLEAR: 'c', HOOKSMITH_SLACKALERTS_TOKEN: 'victim-slack-token', HOOKSMITH_EVIL_X_OTHER: 'o' };
    const b = await backend(env);
    const text = handMadeBundle(suite.rx.url('/collect'), {
      headers: [{ key: 'X-Api-Key', value: '${env:HOME}', secret: true }, { key: 'X-Kept', value: '${env:HOOKSMITH_EVIL_X_KEPT}', secret: true }, { key: 'X-Clear', value: 'clear-in-bundle', secret: true }, { key: 'X-Other', value: '${env:HOOKSMITH_SLACKALERTS_TOKEN}', secret: true }],
      auth: { type: 'bearer', token: '${env:AWS_SECRET_ACCESS_KEY}' },
    });
    const out = await imported(b, text);
    // The bundle said active (as an export of a live webhook does); the import is inactive all the same.
    expect(JSON.parse(text).webhook.active).toBe(true);
    expect(out.webhook.active).toBe(false);
    expect(out.webhook.headers).toEqual([
      { key: 'X-Api-Key', value: '${env:HOOKSMITH_EVIL_X_API_KEY}', secret: true },
      { key: 'X-Kept', value: '${env:HOOKSMITH_EVIL_X_KEPT}', secret: true },
      { key: 'X-Clear', value: '${env:HOOKSMITH_EVIL_X_CLEAR}', secret: true },
      { key: 'X-Other', value: '${env:HOOKSMITH_EVIL_X_OTHER}', secret: true },
    ]);
    expect(out.webhook.auth).toEqual({ type: 'bearer', token: '${env:HOOKSMITH_EVIL_TOKEN}' });
    const warning = out.warnings.find((w) => w.includes('were replaced'));
    expect(warning).toContain('headers.0.value (X-Api-Key): ${env:HOME} → ${env:HOOKSMITH_EVIL_X_API_KEY}');
    expect(warning).toContain('headers.2.value (X-Clear): a value that is not an environment reference → ${env:HOOKSMITH_EVIL_X_CLEAR}');
    expect(warning).toContain('auth.token: ${env:AWS_SECRET_ACCESS_KEY} → ${env:HOOKSMITH_EVIL_TOKEN}');
    expect(warning).toContain("headers.3.value (X-Other): ${env:HOOKSMITH_SLACKALERTS_TOKEN} → ${env:HOOKSMITH_EVIL_X_OTHER}");
    expect(warning).not.toContain('X-Kept');
    // The bundle chose the URL too, so the user is told which variables go where before replaying.
    expect(out.warnings).toContain(
      `Before replaying: Evil reads HOOKSMITH_EVIL_X_API_KEY, HOOKSMITH_EVIL_X_KEPT, HOOKSMITH_EVIL_X_CLEAR, HOOKSMITH_EVIL_X_OTHER, HOOKSMITH_EVIL_TOKEN from the environment and sends them to ${new URL(suite.rx.url('/')).origin}. Check that this is the endpoint you expect.`,
    );
    expect(warning).not.toContain('clear-in-bundle');

    // Replaying sends the placeholders' values, never the variables the bundle named.
    const replay = await b.api.history.replay({ id: out.invocation!.id, mode: 'exact' });
    if (!replay.ok) throw new Error(replay.error.message);
    const [seen] = await ep.getSeenRequests();
    expect(seen!.headers['x-api-key']).toBe('meant-key');
    expect(seen!.headers.authorization).toBe('Bearer meant-token');
    expect(JSON.stringify(seen!.rawHeaders)).not.toMatch(/victim/);
    // A Test of the imported webhook sends every secret header: each from its confined variable.
    const tested = await b.api.delivery.test({ webhookId: out.webhook.id, trigger: 'RequestCreated', runId: 'confined' });
    if (!tested.ok) throw new Error(tested.error.message);
    const second = (await ep.getSeenRequests())[1]!;
    expect(second.headers['x-other']).toBe('o');
    expect(JSON.stringify(second.rawHeaders)).not.toMatch(/victim/);
  });

  it('does the same for an OAuth2 client secret', async () => {
    const b = await backend();
    const oauth2 = { type: 'oauth2' as const, clientId: 'id', clientSecret: '${env:HOME}', tokenUrl: 'https://auth.example.com/token', scopes: [] };
    const out = await imported(b, handMadeBundle('https://hooks.example.com/x', { auth: oauth2 }));
    expect(out.webhook.auth).toMatchObject({ type: 'oauth2', clientSecret: '${env:HOOKSMITH_EVIL_CLIENT_SECRET}' });
    expect(out.warnings.join('\n')).toContain('auth.clientSecret: ${env:HOME} → ${env:HOOKSMITH_EVIL_CLIENT_SECRET}');
  });
});

describe('exact replay of an imported bundle', () => {
  const env = { HOOKSMITH_EVIL_X_API_KEY: 'meant-key', HOOKSMITH_EVIL_TOKEN: 'meant-token' };
  const secretHeaders = { headers: [{ key: 'X-Api-Key', value: '${env:HOOKSMITH_EVIL_X_API_KEY}', secret: true }], auth: { type: 'bearer' as const, token: '${env:HOOKSMITH_EVIL_TOKEN}' } };

  it('refuses to fill secrets into a recorded request bound for another origin than the webhook\'s', async () => {
    const ep = await suite.rx.server.forPost('/elsewhere').thenReply(200, '{}');
    const b = await backend(env);
    const text = handMadeBundle('https://hooks.example.com/x', secretHeaders);
    const bundle = JSON.parse(text) as ReproBundle;
    bundle.request!.url = suite.rx.url('/elsewhere');
    const out = await imported(b, JSON.stringify(bundle));
    const replay = await b.api.history.replay({ id: out.invocation!.id, mode: 'exact' });
    expect(replay).toMatchObject({ ok: false, error: { field: 'request.url', message: expect.stringContaining(`goes to ${new URL(suite.rx.url('/')).origin} but the webhook "Evil" now sends to https://hooks.example.com; secrets are only sent to the webhook's own origin`) } });
    expect(await ep.getSeenRequests()).toEqual([]);
    // Nor does "Copy as curl" with secrets revealed write them into a command bound elsewhere.
    const revealed = await b.api.history.exportInvocation({ id: out.invocation!.id, format: 'curl', revealSecrets: true });
    expect(revealed).toMatchObject({ ok: false, error: { issues: [{ field: 'request.url' }] } });
    const masked = await b.api.history.exportInvocation({ id: out.invocation!.id, format: 'curl' });
    expect(masked.ok && masked.value.text).toContain('$HOOKSMITH_EVIL_X_API_KEY');
    expect(masked.ok && masked.value.text).not.toContain('meant-key');
  });

  it('still re-sends a request with no secret to fill, wherever it goes', async () => {
    const ep = await suite.rx.server.forPost('/no-secret').thenReply(200, '{}');
    const b = await backend();
    const bundle = JSON.parse(handMadeBundle('https://hooks.example.com/x', {})) as ReproBundle;
    bundle.request = { ...bundle.request!, url: suite.rx.url('/no-secret'), headers: [['Content-Type', 'application/json']] };
    const out = await imported(b, JSON.stringify(bundle));
    const replay = await b.api.history.replay({ id: out.invocation!.id, mode: 'exact' });
    expect(replay).toMatchObject({ ok: true, value: { outcome: 'Success' } });
    expect(await ep.getSeenRequests()).toHaveLength(1);
  });

  it('refuses a recorded URL that does not parse, naming request.url', async () => {
    const b = await backend(env);
    const bundle = JSON.parse(handMadeBundle('https://hooks.example.com/x', secretHeaders)) as ReproBundle;
    bundle.request!.url = 'https://exa mple.com/not a url';
    const out = await imported(b, JSON.stringify(bundle));
    const replay = await b.api.history.replay({ id: out.invocation!.id, mode: 'exact' });
    expect(replay).toMatchObject({ ok: false, error: { field: 'request.url', message: expect.stringContaining('"https://exa mple.com/not a url" is not an http(s) URL') } });
  });
});

describe('imported invocation in the history', () => {
  it('a bundle recorded 90 days ago is kept and listed first, stamped with the import time, the original kept aside', async () => {
    await suite.rx.server.forPost('/today').thenReply(200, '{}');
    const b = await backend();
    const old = new Date(Date.now() - 90 * 86_400_000).toISOString();
    const oldBundle = (originalId: string) => handMadeBundle('https://hooks.example.com/x', {}, { startedAt: old, durationMs: 12, originalId });
    // Into an empty history: the oldest record is the first that retention looks at.
    const first = await imported(b, oldBundle('orig-first'));
    expect(first.invocation).toBeDefined();

    const created = await b.api.webhooks.create({ input: webhookInput({ name: 'Today', url: suite.rx.url('/today'), triggers: ['Manual'] }) });
    if (!created.ok) throw new Error(created.error.message);
    const today = await b.api.delivery.test({ webhookId: created.value.webhook.id, trigger: 'Manual', runId: 'today' });
    if (!today.ok) throw new Error(today.error.message);

    const before = Date.now();
    const out = await imported(b, oldBundle('orig-90-days'));
    const after = Date.now();
    const listed = await b.api.history.list({});
    if (!listed.ok) throw new Error(listed.error.message);
    expect(listed.value.items.map((i) => i.id)).toEqual([out.invocation!.id, today.value.id, first.invocation!.id]);
    const rec = await b.api.history.get({ id: out.invocation!.id });
    if (!rec.ok) throw new Error(rec.error.message);
    expect(rec.value.importedFrom).toEqual({ originalId: 'orig-90-days', startedAt: old });
    expect(Date.parse(rec.value.startedAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(rec.value.startedAt)).toBeLessThanOrEqual(after);
    expect(rec.value.durationMs).toBe(12);
    expect(Date.parse(rec.value.finishedAt) - Date.parse(rec.value.startedAt)).toBe(12);
  });
});
