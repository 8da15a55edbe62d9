/**
 * Replay and export against a real HTTPS receiver (mockttp): the exact replay and the exported curl command
 * (run with real curl) reproduce the original request; the HAR has every field HAR 1.2 requires.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompletedRequest } from 'mockttp';
import { createBackend, type Backend } from '../../electron/services/backend';
import { destroyAgents } from '../../electron/services/delivery/agents';
import { deliver } from '../../electron/services/delivery/deliver';
import { MemorySecretStore } from '../../electron/services/secrets/secret-store';
import { resolveSecrets } from '../../electron/services/secrets/webhook-secrets';
import type { InvocationRecord } from '../../shared/delivery/invocation';
import { MASKED_SECRET, type Webhook } from '../../shared/model/webhook';
import { startReceiver, type Receiver } from '../servers/receiver';
import { backendTrusting } from '../support/receiver-suite';
import { tempDir } from '../support/temp-dir';
import { webhookInput } from '../support/webhook-fixtures';

const run = promisify(execFile);
let rx: Receiver;
let dir: { path: string; cleanup: () => Promise<void> };
let backend: Backend;
let secrets: MemorySecretStore;
let caFile: string;

beforeAll(async () => {
  [rx, dir] = await Promise.all([startReceiver(), tempDir('hooksmith-replay-')]);
  caFile = join(dir.path, 'ca.pem');
  await writeFile(caFile, rx.caPem);
  secrets = new MemorySecretStore();
  backend = await backendTrusting(rx, { dataDir: join(dir.path, 'data'), secrets });
});
afterAll(async () => {
  backend.history.store.close();
  destroyAgents();
  await rx.stop();
  await dir.cleanup();
});

/** Saves a webhook with a secret header and a bearer token, delivers it once (as the Test panel does) and records it. */
async function deliverOnce(path: string, body = '{"event_type":"RequestCreated","note":"it\'s \\"quoted\\" & $HOME\\n"}'): Promise<{ webhook: Webhook; record: InvocationRecord }> {
  const created = await backend.api.webhooks.create({
    input: webhookInput({
      name: `Hook${path.replace(/\W/g, '')}`,
      url: rx.url(path),
      headers: [{ key: 'X-Api-Key', value: 'key-123456', secret: true }, { key: 'X-Plain', value: 'plain value' }],
      auth: { type: 'bearer', token: 'tok-abcdef' },
      bodyTemplate: '{"event_type":"{{event_type}}","again":true}',
    }),
  });
  if (!created.ok) throw new Error(created.error.message);
  const raw = (await backend.dataFile.read()).webhooks.find((w) => w.id === created.value.webhook.id)!;
  const plain = await resolveSecrets(raw, secrets, {});
  if (!plain.ok) throw new Error('secrets');
  const record = await deliver({ webhook: plain.webhook, renderedBody: body, trigger: 'RequestCreated', event: { event_type: 'RequestCreated' }, options: { tls: { extraCaPem: [rx.caPem] }, proxy: { mode: 'none' } } });
  backend.history.record(record);
  return { webhook: created.value.webhook, record };
}

const wire = (r: CompletedRequest) => ({ method: r.method, path: r.path, rawHeaders: r.rawHeaders, body: r.body.buffer.toString('base64') });
const lowerHeaders = (r: CompletedRequest) => r.rawHeaders.map(([n, v]) => [n.toLowerCase(), v]).sort((a, b) => a[0]!.localeCompare(b[0]!));

describe('history replay', () => {
  it('an exact replay reproduces the original request byte for byte, secrets filled from today\'s configuration', async () => {
    const ep = await rx.server.forPost('/exact').thenReply(200, '{"status":"ok"}');
    const { record } = await deliverOnce('/exact');
    expect(JSON.stringify(record)).not.toContain('key-123456');
    const replay = await backend.api.history.replay({ id: record.id, mode: 'exact' });
    if (!replay.ok) throw new Error(replay.error.message);
    const [first, second] = await ep.getSeenRequests();
    expect(second).toBeDefined();
    expect(wire(second!)).toEqual(wire(first!));
    expect(second!.headers['x-api-key']).toBe('key-123456');
    expect(replay.value).toMatchObject({ replayOf: record.id, outcome: 'Success' });
    expect(JSON.stringify(replay.value)).not.toContain('tok-abcdef');
    // The replay is in the history, linked to its original.
    const listed = await backend.api.history.list({ webhookId: record.webhookId });
    expect(listed.ok && listed.value.items[0]).toMatchObject({ id: replay.value.id, replayOf: record.id });
  });

  it('a re-rendered replay uses the webhook\'s current template against the recorded event', async () => {
    const ep = await rx.server.forPost('/rerender').thenReply(200, '{"status":"ok"}');
    const { record, webhook } = await deliverOnce('/rerender');
    const { id: _id, createdAt: _c, updatedAt: _u, ...input } = webhook;
    await backend.api.webhooks.update({ id: webhook.id, input: { ...input, bodyTemplate: '{"type":"{{event_type}}","v":2}' } });
    const replay = await backend.api.history.replay({ id: record.id, mode: 'rerender' });
    if (!replay.ok) throw new Error(replay.error.message);
    const seen = await ep.getSeenRequests();
    expect(await seen[1]!.body.getText()).toBe('{"type":"RequestCreated","v":2}');
    expect(seen[1]!.headers['x-api-key']).toBe('key-123456');
    expect(replay.value.replayOf).toBe(record.id);
  });

  it('refuses an exact replay whose secret the webhook no longer has, naming the header', async () => {
    const { record, webhook } = await deliverOnce('/gone');
    const { id: _id, createdAt: _c, updatedAt: _u, ...input } = webhook;
    await backend.api.webhooks.update({ id: webhook.id, input: { ...input, headers: [{ key: 'X-Plain', value: 'p' }] } });
    const replay = await backend.api.history.replay({ id: record.id, mode: 'exact' });
    expect(replay.ok).toBe(false);
    if (!replay.ok) expect(replay.error.message).toMatch(/X-Api-Key: today's configuration .* has no secret for this header/);
  });

  it('refuses an exact replay that would send today\'s secrets to another origin than the webhook\'s', async () => {
    const ep = await rx.server.forPost('/moved').thenReply(200, '{"status":"ok"}');
    const { record, webhook } = await deliverOnce('/moved');
    const { id: _id, createdAt: _c, updatedAt: _u, ...input } = webhook;
    // The same server under another name is another origin: the record still goes to localhost.
    const moved = rx.url('/moved').replace('//localhost:', '//127.0.0.1:');
    const updated = await backend.api.webhooks.update({ id: webhook.id, input: { ...input, url: moved } });
    if (!updated.ok) throw new Error(updated.error.message);
    const replay = await backend.api.history.replay({ id: record.id, mode: 'exact' });
    expect(replay).toMatchObject({ ok: false, error: { field: 'request.url' } });
    if (!replay.ok) {
      expect(replay.error.message).toContain(`the recorded request goes to ${new URL(rx.url('/')).origin} but the webhook "${webhook.name}" now sends to ${new URL(moved).origin}`);
      expect(replay.error.message).toMatch(/secrets are only sent to the webhook.s own origin. Replay it re-rendered/);
    }
    expect(await ep.getSeenRequests()).toHaveLength(1);
  });
});

describe('invocations sent from a definition file', () => {
  it('replay and export with secrets say there is no saved webhook and how to get one; once the file is imported, they work', async () => {
    const ep = await rx.server.forPost('/from-file').thenReply(200, '{"status":"ok"}');
    const input = webhookInput({ name: 'FromFile', url: rx.url('/from-file'), headers: [{ key: 'X-Api-Key', value: 'file-key-1', secret: true }], bodyTemplate: '{"t":"{{event_type}}"}' });
    // What `hooksmith send FILE` does: a test of unsaved settings, recorded without a webhook id.
    const sent = await backend.api.delivery.test({ input, trigger: 'RequestCreated', runId: 'from-file-1' });
    if (!sent.ok) throw new Error(sent.error.message);
    expect(sent.value).toMatchObject({ webhookId: '', webhookName: 'FromFile', outcome: 'Success' });
    const id = sent.value.id;

    const refusals = [
      await backend.api.history.replay({ id, mode: 'exact' }),
      await backend.api.history.replay({ id, mode: 'rerender' }),
      await backend.api.history.exportInvocation({ id, format: 'curl', revealSecrets: true }),
    ];
    for (const r of refusals) {
      const message = r.ok ? 'ok' : r.error.message;
      expect(message).toMatch(/"FromFile" was sent from a definition file, not from a saved webhook, so there is no saved webhook to take (the secret of X-Api-Key|a current template) from\. Import the file \(hooksmith webhooks import FILE\) and try again, or send the file again \(hooksmith send FILE\)\./);
      expect(message).not.toMatch(/no longer exists/);
    }
    expect(await ep.getSeenRequests()).toHaveLength(1);

    const imported = await backend.api.webhooks.importDefinitions({ text: JSON.stringify({ schemaVersion: 1, ...input }) });
    if (!imported.ok) throw new Error(imported.error.message);
    const replay = await backend.api.history.replay({ id, mode: 'exact' });
    if (!replay.ok) throw new Error(replay.error.message);
    const seen = await ep.getSeenRequests();
    expect(seen[1]!.headers['x-api-key']).toBe('file-key-1');
    const curl = await backend.api.history.exportInvocation({ id, format: 'curl', revealSecrets: true });
    expect(curl.ok && curl.value.text).toContain("'X-Api-Key: file-key-1'");
  });
});

describe('history export', () => {
  it('a secret the webhook reads as ${env:NAME} is exported as $NAME, and that curl reproduces the send', async () => {
    const ep = await rx.server.forPost('/env-curl').thenReply(200, '{"status":"ok"}');
    const env = { MYKEY: 'key-from-env', MYTOK: 'tok-from-env' };
    const b = await backendTrusting(rx, { dataDir: join(dir.path, 'env-data'), env });
    try {
      const created = await b.api.webhooks.create({
        input: webhookInput({ name: 'EnvHook', url: rx.url('/env-curl'), headers: [{ key: 'X-Api-Key', value: '${env:MYKEY}', secret: true }], auth: { type: 'bearer', token: '${env:MYTOK}' } }),
      });
      if (!created.ok) throw new Error(created.error.message);
      const sent = await b.api.delivery.test({ webhookId: created.value.webhook.id, trigger: 'RequestCreated', runId: 'env-curl' });
      if (!sent.ok) throw new Error(sent.error.message);
      // The record names the variables (not their values), so the export can ask for them.
      expect(sent.value.webhook.headers[0]!.value).toBe('${env:MYKEY}');
      expect(JSON.stringify(sent.value)).not.toContain('key-from-env');
      const out = await b.api.history.exportInvocation({ id: sent.value.id, format: 'curl' });
      if (!out.ok) throw new Error(out.error.message);
      expect(out.value.envVars.sort()).toEqual(['MYKEY', 'MYTOK']);
      await run('bash', ['-c', `${out.value.text.trim()} --cacert ${caFile} --silent --show-error --output /dev/null`], { env: { PATH: process.env.PATH, ...env } });
      const [original, viaCurl] = await ep.getSeenRequests();
      expect(viaCurl!.headers['x-api-key']).toBe('key-from-env');
      expect(viaCurl!.headers.authorization).toBe('Bearer tok-from-env');
      expect(viaCurl!.body.buffer.equals(original!.body.buffer)).toBe(true);
    } finally {
      b.history.store.close();
    }
  });

  it('the exported curl command, run with real curl, produces the same request at the receiver', async () => {
    const ep = await rx.server.forPost('/curl').thenReply(200, '{"status":"ok"}');
    const { record } = await deliverOnce('/curl');
    const out = await backend.api.history.exportInvocation({ id: record.id, format: 'curl' });
    if (!out.ok) throw new Error(out.error.message);
    expect(out.value.text).not.toContain('key-123456');
    expect(out.value.envVars.sort()).toEqual(['HOOKSMITH_HOOKCURL_TOKEN', 'HOOKSMITH_HOOKCURL_X_API_KEY']);
    const env = { PATH: process.env.PATH, HOME: '/nonexistent', HOOKSMITH_HOOKCURL_TOKEN: 'tok-abcdef', HOOKSMITH_HOOKCURL_X_API_KEY: 'key-123456' };
    await run('bash', ['-c', `${out.value.text.trim()} --cacert ${caFile} --silent --show-error --output /dev/null`], { env });
    const [original, viaCurl] = await ep.getSeenRequests();
    expect(viaCurl!.method).toBe(original!.method);
    expect(viaCurl!.path).toBe(original!.path);
    expect(viaCurl!.body.buffer.equals(original!.body.buffer)).toBe(true);
    expect(lowerHeaders(viaCurl!)).toEqual(lowerHeaders(original!));

    // In clear only when asked.
    const clear = await backend.api.history.exportInvocation({ id: record.id, format: 'curl', revealSecrets: true });
    expect(clear.ok && clear.value.text).toContain("'X-Api-Key: key-123456'");
    expect(clear.ok && clear.value.text).toContain("'Authorization: Bearer tok-abcdef'");
  });

  it('exports HAR 1.2 with every required field, timings mapped, and secrets redacted', async () => {
    await rx.server.forPost('/har').thenReply(201, '{"status":"created"}', { 'content-type': 'application/json' });
    const { record } = await deliverOnce('/har');
    const out = await backend.api.history.exportInvocation({ id: record.id, format: 'har' });
    if (!out.ok) throw new Error(out.error.message);
    expect(out.value.text).not.toContain('key-123456');
    expect(out.value.text).not.toContain('tok-abcdef');
    assertHar12(JSON.parse(out.value.text));
    const entry = JSON.parse(out.value.text).log.entries[0];
    expect(entry.request.headers).toContainEqual({ name: 'X-Api-Key', value: MASKED_SECRET });
    expect(entry.response.status).toBe(201);
    const t = record.steps.at(-1)!.timings!;
    // A reused keep-alive socket has no TLS phase: HAR's "does not apply" is -1.
    expect(entry.timings.ssl).toBe(t.tlsMs === null ? -1 : Math.round(t.tlsMs * 1000) / 1000);
    expect(entry.timings.wait).toBe(Math.round(t.waitMs! * 1000) / 1000);
  });

  it('a bundle imports elsewhere as a webhook and an invocation that replays to the same request', async () => {
    const ep = await rx.server.forPost('/bundle').thenReply(200, '{"status":"ok"}');
    const { record } = await deliverOnce('/bundle');
    const out = await backend.api.history.exportInvocation({ id: record.id, format: 'bundle' });
    if (!out.ok) throw new Error(out.error.message);
    expect(out.value.text).not.toContain('key-123456');
    const other = await tempDir('hooksmith-other-');
    const env = { HOOKSMITH_HOOKBUNDLE_X_API_KEY: 'key-123456', HOOKSMITH_HOOKBUNDLE_TOKEN: 'tok-abcdef' };
    const b2 = await createBackend({ dataDir: other.path, secrets: new MemorySecretStore(), mode: 'web', version: 'test', env, deliveryOptions: { tls: { extraCaPem: [rx.caPem] }, proxy: { mode: 'none' } } });
    try {
      const imported = await b2.api.history.importBundle({ text: out.value.text });
      if (!imported.ok) throw new Error(imported.error.message);
      expect(imported.value.webhook.headers[0]).toMatchObject({ key: 'X-Api-Key', value: '${env:HOOKSMITH_HOOKBUNDLE_X_API_KEY}', secret: true });
      const replay = await b2.api.history.replay({ id: imported.value.invocation!.id, mode: 'exact' });
      if (!replay.ok) throw new Error(replay.error.message);
      const [first, second] = await ep.getSeenRequests();
      expect(wire(second!)).toEqual(wire(first!));
    } finally {
      b2.history.store.close();
      await other.cleanup();
    }
  });
});

/**
 * har-validator is not installed (no new dependencies), so this checks what HAR 1.2 requires, field by
 * field: log.version/creator/entries; per entry startedDateTime, time, request, response, cache, timings;
 * request and response members with their types; timings send/wait/receive ≥ 0, others ≥ -1.
 */
function assertHar12(har: Record<string, unknown>): void {
  const log = har.log as Record<string, unknown>;
  expect(log.version).toBe('1.2');
  expect(log.creator).toMatchObject({ name: expect.any(String), version: expect.any(String) });
  expect(Array.isArray(log.entries)).toBe(true);
  for (const e of log.entries as Record<string, unknown>[]) {
    expect(new Date(e.startedDateTime as string).toISOString()).toBe(e.startedDateTime);
    expect(typeof e.time).toBe('number');
    const req = e.request as Record<string, unknown>;
    for (const k of ['method', 'url', 'httpVersion']) expect(typeof req[k], `request.${k}`).toBe('string');
    for (const k of ['cookies', 'headers', 'queryString']) expect(Array.isArray(req[k]), `request.${k}`).toBe(true);
    for (const k of ['headersSize', 'bodySize']) expect(typeof req[k], `request.${k}`).toBe('number');
    for (const h of req.headers as Record<string, unknown>[]) expect(h).toEqual({ name: expect.any(String), value: expect.any(String) });
    if (req.postData) expect(req.postData).toMatchObject({ mimeType: expect.any(String), text: expect.any(String) });
    const res = e.response as Record<string, unknown>;
    expect(typeof res.status).toBe('number');
    for (const k of ['statusText', 'httpVersion', 'redirectURL']) expect(typeof res[k], `response.${k}`).toBe('string');
    for (const k of ['cookies', 'headers']) expect(Array.isArray(res[k]), `response.${k}`).toBe(true);
    for (const k of ['headersSize', 'bodySize']) expect(typeof res[k], `response.${k}`).toBe('number');
    expect(res.content).toMatchObject({ size: expect.any(Number), mimeType: expect.any(String) });
    expect(typeof e.cache).toBe('object');
    const t = e.timings as Record<string, number>;
    for (const k of ['send', 'wait', 'receive']) expect(t[k], `timings.${k}`).toBeGreaterThanOrEqual(0);
    for (const k of ['blocked', 'dns', 'connect', 'ssl']) expect(t[k], `timings.${k}`).toBeGreaterThanOrEqual(-1);
    for (const k of Object.keys(e)) expect(['startedDateTime', 'time', 'request', 'response', 'cache', 'timings', 'serverIPAddress', 'connection', 'comment', 'pageref'].includes(k) || k.startsWith('_'), `entry.${k}`).toBe(true);
  }
}
