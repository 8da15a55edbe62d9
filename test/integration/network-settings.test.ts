/**
 * Saved network settings (per webhook and app-wide) reaching the dispatcher, against real HTTPS peers on
 * loopback: mockttp with its own CA (untrusted unless a layer trusts it), a mutual-TLS server, a CONNECT
 * proxy. And the client key, a secret, never on disk or in an export in clear.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/services/backend';
import { destroyAgents } from '../../electron/services/delivery/agents';
import { AesGcmCipher, FileSecretStore } from '../../electron/services/secrets/file-secret-store';
import { INSECURE_TLS_WARNING } from '../../shared/model/network';
import { MASKED_SECRET, type WebhookInput } from '../../shared/model/webhook';
import { CertFactory, httpsServer, type KeyPair } from '../servers/certs';
import { startConnectProxy, type ConnectProxy } from '../servers/connect-proxy';
import { startReceiver, type Receiver } from '../servers/receiver';
import { tempDir } from '../support/temp-dir';
import { webhookInput } from '../support/webhook-fixtures';

let rx: Receiver;
let certs: CertFactory;
let client: KeyPair;
let mtls: Awaited<ReturnType<typeof httpsServer>>;
let proxy: ConnectProxy;
let dir: { path: string; cleanup: () => Promise<void> };
let backend: Backend;
let runs = 0;
const runId = () => `net-${++runs}`;

beforeAll(async () => {
  rx = await startReceiver();
  certs = await CertFactory.create();
  client = await certs.leaf(['hooksmith-client']);
  mtls = await httpsServer(await certs.leaf(['localhost']), { requestCert: true, rejectUnauthorized: true, ca: [certs.ca.cert] });
  proxy = await startConnectProxy();
});
afterAll(async () => {
  destroyAgents();
  await rx.stop();
  await mtls.close();
  await proxy.close();
  await certs.dispose();
});
beforeEach(async () => {
  dir = await tempDir();
  // No CA in the defaults: the receiver's CA is untrusted unless a network setting trusts it.
  backend = await createBackend({
    dataDir: dir.path,
    secrets: new FileSecretStore(join(dir.path, 'secrets.json'), new AesGcmCipher('test-passphrase')),
    mode: 'web',
    version: 'test',
    env: {},
    deliveryOptions: { proxy: { mode: 'none' } },
  });
});
afterEach(async () => {
  await rx.server.reset();
  await dir.cleanup();
});

async function save(overrides: Partial<WebhookInput>) {
  const r = await backend.api.webhooks.create({ input: webhookInput({ name: `Net${++runs}`, url: rx.url('/net'), ...overrides }) });
  if (!r.ok) throw new Error(`${r.error.message} ${JSON.stringify(r.error.issues)}`);
  return r.value;
}

async function test(webhookId: string) {
  const r = await backend.api.delivery.test({ webhookId, trigger: 'RequestCreated', runId: runId() });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('saved network settings reach the dispatcher', () => {
  it('a per-webhook extra CA makes an untrusted receiver work, for that webhook only', async () => {
    const ep = await rx.server.forPost('/net').thenReply(200, '{"ok":true}');
    const plain = await save({});
    expect((await test(plain.webhook.id)).error?.errorClass).toMatch(/^tls-/);
    const trusting = await save({ network: { extraCaPem: rx.caPem } });
    const rec = await test(trusting.webhook.id);
    expect(rec.outcome).toBe('Success');
    expect(rec.webhook.network).toEqual({ extraCaPem: rx.caPem });
    expect(await ep.getSeenRequests()).toHaveLength(1);
    // Still untrusted for the other webhook: agents with different CAs never share a connection.
    expect((await test(plain.webhook.id)).error?.errorClass).toMatch(/^tls-/);
  });

  it('TLS verification off per webhook sends anyway, warns on save and in the record and the history', async () => {
    await rx.server.forPost('/net').thenReply(200, 'ok');
    const saved = await save({ network: { insecureTls: true } });
    expect(saved.warnings.filter((w) => w.field.startsWith('network'))).toEqual([{ field: 'network.insecureTls', severity: 'warning', message: INSECURE_TLS_WARNING }]);
    const rec = await test(saved.webhook.id);
    expect(rec.outcome).toBe('Success');
    expect(rec.warnings).toContain(INSECURE_TLS_WARNING);
    const kept = await backend.api.history.get({ id: rec.id });
    expect(kept.ok && kept.value.warnings).toContain(INSECURE_TLS_WARNING);
  });

  it('the app-wide extra CA applies to every webhook, and a bad one is refused by field', async () => {
    await rx.server.forPost('/net').thenReply(200, 'ok');
    const w = await save({});
    const bad = await backend.api.settings.update({ patch: { network: { extraCaPem: 'not a cert', proxyUrl: 'socks5://p' } } });
    expect(bad.ok ? [] : bad.error.issues?.map((i) => i.field)).toEqual(['network.extraCaPem', 'network.proxyUrl']);
    const set = await backend.api.settings.update({ patch: { network: { extraCaPem: rx.caPem } } });
    expect(set.ok && set.value.network).toEqual({ extraCaPem: rx.caPem });
    expect((await test(w.webhook.id)).outcome).toBe('Success');
  });

  it('per-test overrides add to the saved layers (CLI flags), and are still checked', async () => {
    await rx.server.forPost('/net').thenReply(200, 'ok');
    const w = await save({});
    const r = await backend.api.delivery.test({ webhookId: w.webhook.id, trigger: 'RequestCreated', runId: runId(), network: { extraCaPem: rx.caPem } });
    expect(r.ok && r.value.outcome).toBe('Success');
    const bad = await backend.api.delivery.test({ webhookId: w.webhook.id, trigger: 'RequestCreated', runId: runId(), network: { proxyUrl: 'socks5://x' } });
    expect(bad.ok ? [] : bad.error.issues?.map((i) => i.field)).toEqual(['network.proxyUrl']);
  });

  it('presents the saved client certificate to a mutual-TLS server', async () => {
    const base = { url: mtls.url('/mtls'), responseValidators: [{ jsonPath: '$.data.clientCert', expectedValues: ['hooksmith-client'] }] };
    const without = await save({ ...base, network: { extraCaPem: certs.ca.cert } });
    expect((await test(without.webhook.id)).outcome).toBe('Failure');
    const withCert = await save({ ...base, network: { extraCaPem: certs.ca.cert, clientCertPem: client.cert, clientKeyPem: client.key } });
    const rec = await test(withCert.webhook.id);
    expect(rec.error).toBeNull();
    expect(rec.validators.map((v) => v.found)).toEqual([['hooksmith-client']]);
    expect(rec.webhook.network?.clientKeyPem).toBe(MASKED_SECRET);
  });

  it('sends through the webhook\'s own proxy, which overrides the app-wide one', async () => {
    await rx.server.forPost('/net').thenReply(200, 'ok');
    await backend.api.settings.update({ patch: { network: { proxyUrl: 'http://127.0.0.1:9' } } });
    const w = await save({ network: { extraCaPem: rx.caPem, proxyUrl: proxy.url } });
    const before = proxy.tunnels.length;
    expect((await test(w.webhook.id)).outcome).toBe('Success');
    expect(proxy.tunnels.length).toBe(before + 1);
    // Without its own proxy, the app-wide one (nothing listens on port 9) is used and fails as a proxy error.
    const other = await save({ network: { extraCaPem: rx.caPem } });
    expect((await test(other.webhook.id)).error?.errorClass).toMatch(/proxy|connection-refused/);
  });
});

describe('the client key is a secret', () => {
  it('is never in clear in the data file, the secrets file, the history or an export; the renderer sees it masked', async () => {
    await rx.server.forPost('/net').thenReply(200, 'ok');
    const keyBody = client.key.split('\n')[1]!;
    const saved = await save({ url: mtls.url('/k'), network: { extraCaPem: certs.ca.cert, clientCertPem: client.cert, clientKeyPem: client.key } });
    expect(saved.webhook.network?.clientKeyPem).toBe(MASKED_SECRET);
    const got = await backend.api.webhooks.get({ id: saved.webhook.id });
    expect(got.ok && got.value.network?.clientKeyPem).toBe(MASKED_SECRET);
    expect((await test(saved.webhook.id)).outcome).toBe('Success');

    // Saving the form back with the mask keeps the stored key.
    const again = await backend.api.webhooks.update({ id: saved.webhook.id, input: { ...webhookInputOf(saved.webhook), timeoutSeconds: 20 } });
    expect(again.ok).toBe(true);
    expect((await test(saved.webhook.id)).outcome).toBe('Success');

    const exported = await backend.api.webhooks.exportDefinitions({});
    expect(exported.ok && exported.value.text).toContain('"clientKeyPem": "${env:HOOKSMITH_');
    expect(exported.ok && exported.value.secretPlaceholders).toContainEqual(expect.stringMatching(/_CLIENT_KEY$/));

    const files = await readdir(dir.path, { recursive: true });
    const everything = await Promise.all(files.map((f) => readFile(join(dir.path, f), 'utf8').catch(() => '')));
    const onDisk = everything.join('\n');
    expect(onDisk).toContain('clientKeyPem');
    expect(onDisk).not.toContain('PRIVATE KEY');
    expect(onDisk).not.toContain(keyBody);
    expect(exported.ok && exported.value.text).not.toContain(keyBody);
  });
});

function webhookInputOf(w: { id: string; createdAt: string; updatedAt: string } & WebhookInput): WebhookInput {
  const { id: _i, createdAt: _c, updatedAt: _u, ...input } = w;
  return input;
}
