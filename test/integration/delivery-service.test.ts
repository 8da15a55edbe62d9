/** The `delivery` API against a real HTTPS receiver, with real files and a real secret store. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/services/backend';
import { MemorySecretStore } from '../../electron/services/secrets/secret-store';
import { MASKED_SECRET } from '../../shared/model/webhook';
import { backendTrusting, receiverSuite } from '../support/receiver-suite';
import { webhookInput } from '../support/webhook-fixtures';

const SECRET = 'sk-live-7f3a9c1e5b';
let backend: Backend;
let env: Record<string, string | undefined>;

const suite = receiverSuite();
beforeEach(async () => {
  env = {};
  backend = await backendTrusting(suite.rx, { dataDir: suite.dir.path, env });
});

let runs = 0;
const runId = () => `run-${++runs}`;

/** How many invocations the history holds. */
async function historyCount(): Promise<number> {
  const page = await backend.api.history.list({});
  return page.ok ? page.value.total : -1;
}

/** Every byte of the history folder, to prove no secret reached it. */
async function historyText(): Promise<string> {
  const folder = join(suite.dir.path, 'history');
  const names = await readdir(folder);
  const texts = await Promise.all(names.map((n) => readFile(join(folder, n), 'utf8').catch(() => '')));
  return texts.join('\n');
}

async function saved(path: string, overrides: Parameters<typeof webhookInput>[0] = {}) {
  const r = await backend.api.webhooks.create({ input: webhookInput({ name: `Hook${runs}x${path.replace(/\W/g, '')}`, url: suite.rx.url(path), ...overrides }) });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.webhook;
}

describe('delivery.test', () => {
  it('sends a saved webhook with its stored secret header, and no plain secret reaches the record, the list or the data file', async () => {
    const ep = await suite.rx.server.forPost('/secret').thenReply(200, '{"status":"ok"}', { 'Content-Type': 'application/json' });
    const w = await saved('/secret', { headers: [{ key: 'X-Api-Key', value: SECRET, secret: true }] });
    const r = await backend.api.delivery.test({ webhookId: w.id, trigger: 'RequestApproved', runId: runId() });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [seen] = await ep.getSeenRequests();
    expect(seen?.headers['x-api-key']).toBe(SECRET);
    expect(await seen?.body.getJson()).toMatchObject({ text: expect.stringMatching(/Approved by User/) });
    expect(r.value).toMatchObject({ outcome: 'Success', trigger: 'RequestApproved', webhookId: w.id, response: { status: 200 } });
    expect(r.value.request?.headers).toContainEqual(['X-Api-Key', MASKED_SECRET]);
    expect(JSON.stringify(r.value)).not.toContain(SECRET);
    const recorded = await backend.api.history.list({});
    expect(recorded.ok && recorded.value.items.map((x) => x.id)).toEqual([r.value.id]);
    expect(JSON.stringify(await backend.api.history.get({ id: r.value.id }))).not.toContain(SECRET);
    expect(await historyText()).not.toContain(SECRET);
    expect(await readFile(join(suite.dir.path, 'hooksmith.json'), 'utf8')).not.toContain(SECRET);
  });

  it('tests unsaved form contents, taking a masked secret from the saved webhook', async () => {
    const ep = await suite.rx.server.forPut('/form').thenReply(204);
    const w = await saved('/elsewhere', { headers: [{ key: 'X-Api-Key', value: SECRET, secret: true }] });
    const { id: _id, createdAt: _c, updatedAt: _u, ...input } = w;
    expect(input.headers[0]?.value).toBe(MASKED_SECRET);
    const r = await backend.api.delivery.test({ webhookId: w.id, input: { ...input, method: 'PUT', url: suite.rx.url('/form') }, trigger: 'RequestCreated', runId: runId() });
    expect(r.ok && r.value.outcome).toBe('Success');
    const [seen] = await ep.getSeenRequests();
    expect(seen?.headers['x-api-key']).toBe(SECRET);

    const orphan = await backend.api.delivery.test({ input: { ...input, url: suite.rx.url('/form') }, trigger: 'RequestCreated', runId: runId() });
    expect(orphan).toMatchObject({ ok: false, error: { code: 'validation-failed', field: 'headers.0.value' } });
  });

  it('refuses input that breaks the rules, naming every field, and sends nothing', async () => {
    const ep = await suite.rx.server.forAnyRequest().thenReply(200);
    const r = await backend.api.delivery.test({ input: webhookInput({ name: 'bad name', url: 'ftp://x', triggers: [] }), trigger: 'RequestCreated', runId: runId() });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('validation-failed');
    expect(r.error.issues?.map((i) => i.field)).toEqual(expect.arrayContaining(['name', 'url', 'triggers']));
    expect(await ep.getSeenRequests()).toHaveLength(0);
  });

  it('names the field when an env variable is unset, sends nothing and records nothing; sends once it is set', async () => {
    const ep = await suite.rx.server.forPost('/env').thenReply(200);
    const w = await saved('/env', { auth: { type: 'bearer', token: '${env:HOOK_TOKEN_TEST}' } });
    const missing = await backend.api.delivery.test({ webhookId: w.id, trigger: 'RequestCreated', runId: runId() });
    expect(missing).toMatchObject({ ok: false, error: { code: 'secret-unavailable', field: 'auth.token', message: expect.stringMatching(/The bearer token reads the environment variable HOOK_TOKEN_TEST, which is not set/) } });
    expect(await ep.getSeenRequests()).toHaveLength(0);
    expect(await historyCount()).toBe(0);

    env.HOOK_TOKEN_TEST = 'env-token-123456';
    const sent = await backend.api.delivery.test({ webhookId: w.id, trigger: 'RequestCreated', runId: runId() });
    expect(sent.ok && sent.value.outcome).toBe('Success');
    expect((await ep.getSeenRequests())[0]?.headers.authorization).toBe('Bearer env-token-123456');
    expect(JSON.stringify(sent)).not.toContain('env-token-123456');
  });

  it.each([
    ['a Handlebars syntax error', '{"a": "{{#if x}}"}', /not valid Handlebars.*line 1/],
    ['a body that is not JSON', '{"a": {{data.requester.name}} }', /not valid JSON.*body line 1/],
  ])('records an invalid-body failure for %s and sends nothing', async (_what, bodyTemplate, message) => {
    const ep = await suite.rx.server.forAnyRequest().thenReply(200);
    const w = await saved('/body', { bodyTemplate });
    const r = await backend.api.delivery.test({ webhookId: w.id, trigger: 'RequestCreated', runId: runId() });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ outcome: 'Failure', request: null, steps: [], error: { errorClass: 'invalid-body', message: expect.stringMatching(message) } });
    expect(r.value.error?.hint).toBeTruthy();
    expect(await ep.getSeenRequests()).toHaveLength(0);
    expect(await historyCount()).toBe(1);
  });

  it('renders an explicit event or a sample by id, with the escape mode setting', async () => {
    const ep = await suite.rx.server.forPost('/event').thenReply(200);
    const w = await saved('/event', { bodyTemplate: '{"who": "{{data.requester.name}}", "type": "{{event_type}}"}' });
    await backend.api.delivery.test({ webhookId: w.id, trigger: 'Manual', event: { event_type: 'X', data: { requester: { name: 'A&B' } } }, runId: runId() });
    await backend.api.settings.update({ patch: { escapeMode: 'none', eventTypeStyle: 'RequestCreated' } });
    await backend.api.delivery.test({ webhookId: w.id, trigger: 'Manual', event: { event_type: 'X', data: { requester: { name: 'A&B' } } }, runId: runId() });
    await backend.api.delivery.test({ webhookId: w.id, trigger: 'RequestGranted', runId: runId() });
    const bad = await backend.api.delivery.test({ webhookId: w.id, trigger: 'Manual', sampleId: 'nope', runId: runId() });
    expect(bad).toMatchObject({ ok: false, error: { code: 'not-found', field: 'sampleId' } });
    const bodies = await Promise.all((await ep.getSeenRequests()).map((s) => s.body.getText()));
    expect(bodies).toEqual(['{"who": "A&amp;B", "type": "X"}', '{"who": "A&B", "type": "X"}', '{"who": "User", "type": "RequestGranted"}']);
  });

  it('cancels a running test, and a cancel that arrives before its test', async () => {
    let arrived!: () => void;
    const reached = new Promise<void>((r) => (arrived = r));
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await suite.rx.server.forPost('/slow').thenCallback(async () => {
      arrived();
      await held;
      return { statusCode: 200 };
    });
    const w = await saved('/slow');
    const id = runId();
    const pending = backend.api.delivery.test({ webhookId: w.id, trigger: 'RequestCreated', runId: id });
    await reached; // the request is in flight at the receiver
    expect(await backend.api.delivery.cancel({ runId: id })).toEqual({ ok: true, value: { cancelled: true } });
    const r = await pending;
    expect(r.ok && r.value).toMatchObject({ outcome: 'Failure', error: { errorClass: 'cancelled' } });

    const early = runId();
    expect(await backend.api.delivery.cancel({ runId: early })).toEqual({ ok: true, value: { cancelled: false } });
    const r2 = await backend.api.delivery.test({ webhookId: w.id, trigger: 'RequestCreated', runId: early });
    expect(r2.ok && r2.value.error?.errorClass).toBe('cancelled');
    release();
  });

  it('applies per-test network options: insecure TLS with a warning, and refuses a bad CA or proxy by field', async () => {
    await suite.rx.server.forPost('/tls').thenReply(200);
    const strict = await createBackend({ dataDir: suite.dir.path, secrets: new MemorySecretStore(), mode: 'web', version: 'test', env: {}, deliveryOptions: { proxy: { mode: 'none' } } });
    const w = await saved('/tls');
    const untrusted = await strict.api.delivery.test({ webhookId: w.id, trigger: 'RequestCreated', runId: runId() });
    expect(untrusted.ok && untrusted.value.error?.errorClass).toMatch(/^tls-/);
    const insecure = await strict.api.delivery.test({ webhookId: w.id, trigger: 'RequestCreated', runId: runId(), network: { insecureTls: true } });
    expect(insecure.ok && insecure.value.outcome).toBe('Success');
    expect(insecure.ok && insecure.value.warnings.join(' ')).toMatch(/TLS verification was off/);
    const withCa = await strict.api.delivery.test({ webhookId: w.id, trigger: 'RequestCreated', runId: runId(), network: { extraCaPem: suite.rx.caPem } });
    expect(withCa.ok && withCa.value.outcome).toBe('Success');
    const bad = await strict.api.delivery.test({ webhookId: w.id, trigger: 'RequestCreated', runId: runId(), network: { extraCaPem: 'nope', proxyUrl: 'socks5://x' } });
    expect(bad.ok ? [] : bad.error.issues?.map((i) => i.field)).toEqual(['network.extraCaPem', 'network.proxyUrl']);
  });
});
