import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MASKED_SECRET } from '../../shared/model/webhook';
import { tempDir } from '../../test/support/temp-dir';
import { webhookInput } from '../../test/support/webhook-fixtures';
import { createBackend, type Backend } from './backend';
import { MemorySecretStore, RefusingSecretStore } from './secrets/secret-store';
import { resolveSecrets } from './secrets/webhook-secrets';

let dir: { path: string; cleanup: () => Promise<void> };
let backend: Backend;
let secrets: MemorySecretStore;

async function open(): Promise<Backend> {
  return createBackend({ dataDir: dir.path, secrets, mode: 'web', version: 'test', env: {} });
}

beforeEach(async () => {
  dir = await tempDir();
  secrets = new MemorySecretStore();
  backend = await open();
});
afterEach(() => dir.cleanup());

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(`expected ok, got: ${r.error.message}`);
  return r.value;
}

const rawFile = () => readFile(join(dir.path, 'hooksmith.json'), 'utf8');

describe('WebhookService', () => {
  it('creates, lists by name and finds webhooks again after a restart', async () => {
    unwrap(await backend.webhooks.create({ input: webhookInput({ name: 'Zeta' }) }));
    unwrap(await backend.webhooks.create({ input: webhookInput({ name: 'alpha' }) }));
    const reopened = await open();
    const names = unwrap(await reopened.webhooks.list()).map((w) => w.name);
    expect(names).toEqual(['alpha', 'Zeta']);
  });

  it('refuses a second webhook with the same name in any case, saving nothing', async () => {
    unwrap(await backend.webhooks.create({ input: webhookInput({ name: 'Okta' }) }));
    const r = await backend.webhooks.create({ input: webhookInput({ name: 'OKTA' }) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.field).toBe('name');
    expect(unwrap(await backend.webhooks.list())).toHaveLength(1);
  });

  it('refuses invalid input naming the field, and keeps what was saved before', async () => {
    const saved = unwrap(await backend.webhooks.create({ input: webhookInput() })).webhook;
    const before = await rawFile();
    const r = await backend.webhooks.update({ id: saved.id, input: webhookInput({ url: 'http://example.com/hook' }) });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('validation-failed');
      expect(r.error.issues?.map((i) => i.field)).toContain('url');
    }
    expect(await rawFile()).toBe(before);
  });

  it('updates, duplicates under a free name (inactive), deactivates and deletes', async () => {
    const w = unwrap(await backend.webhooks.create({ input: webhookInput({ name: 'Hook' }) })).webhook;
    const updated = unwrap(await backend.webhooks.update({ id: w.id, input: webhookInput({ name: 'Hook', method: 'PUT' }) })).webhook;
    expect(updated.method).toBe('PUT');
    expect(updated.createdAt).toBe(w.createdAt);
    const copy1 = unwrap(await backend.webhooks.duplicate({ id: w.id }));
    const copy2 = unwrap(await backend.webhooks.duplicate({ id: w.id }));
    expect([copy1.name, copy2.name]).toEqual(['HookCopy', 'HookCopy2']);
    expect(copy1.active).toBe(false);
    expect(unwrap(await backend.webhooks.setActive({ id: w.id, active: false })).active).toBe(false);
    unwrap(await backend.webhooks.remove({ id: copy1.id }));
    const left = unwrap(await (await open()).webhooks.list());
    expect(left.map((x) => [x.name, x.active])).toEqual([
      ['Hook', false],
      ['HookCopy2', false],
    ]);
    const gone = await backend.webhooks.get({ id: copy1.id });
    expect(gone.ok ? 'found' : gone.error.code).toBe('not-found');
  });

  describe('secrets', () => {
    const withSecret = (value: string) =>
      webhookInput({ headers: [{ key: 'DD-API-KEY', value, secret: true }, { key: 'X-Plain', value: 'visible' }], auth: { type: 'bearer', token: 'tok-123' } });

    it('never writes a secret in clear to the data file and returns it masked', async () => {
      const saved = unwrap(await backend.webhooks.create({ input: withSecret('dd-secret-value') })).webhook;
      expect(saved.headers[0]!.value).toBe(MASKED_SECRET);
      expect(saved.auth).toEqual({ type: 'bearer', token: MASKED_SECRET });
      const raw = await rawFile();
      expect(raw).not.toContain('dd-secret-value');
      expect(raw).not.toContain('tok-123');
      expect(raw).toContain('visible');
    });

    it('reveals one stored secret on request; a reference as written; a field without a secret is not found', async () => {
      const saved = unwrap(await backend.webhooks.create({ input: { ...withSecret('dd-secret-value'), auth: { type: 'bearer', token: '${env:TOK}' } } })).webhook;
      expect(unwrap(await backend.api.webhooks.revealSecret({ id: saved.id, field: 'headers.0.value' }))).toEqual({ value: 'dd-secret-value' });
      expect(unwrap(await backend.api.webhooks.revealSecret({ id: saved.id, field: 'auth.token' }))).toEqual({ value: '${env:TOK}' });
      expect(await backend.api.webhooks.revealSecret({ id: saved.id, field: 'headers.1.value' })).toMatchObject({ ok: false, error: { code: 'not-found', field: 'headers.1.value' } });
      expect(await backend.api.webhooks.revealSecret({ id: 'nope', field: 'auth.token' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
      // A store that lost the secret (memory after a restart) says so instead of returning something wrong.
      secrets = new MemorySecretStore();
      backend = await open();
      expect(await backend.api.webhooks.revealSecret({ id: saved.id, field: 'headers.0.value' })).toMatchObject({ ok: false, error: { code: 'secret-unavailable', field: 'headers.0.value' } });
    });

    it('keeps the stored secret when the mask is sent back, and replaces it when a new value is typed', async () => {
      const saved = unwrap(await backend.webhooks.create({ input: withSecret('first') })).webhook;
      const { id: _id, createdAt: _c, updatedAt: _u, ...masked } = saved;
      unwrap(await backend.webhooks.update({ id: saved.id, input: masked }));
      const stored = (await backend.dataFile.read()).webhooks[0]!;
      const resolved = await resolveSecrets(stored, secrets, {});
      expect(resolved.ok && resolved.webhook.headers[0]!.value).toBe('first');

      unwrap(await backend.webhooks.update({ id: saved.id, input: { ...masked, headers: [{ key: 'DD-API-KEY', value: 'second', secret: true }] } }));
      const again = await resolveSecrets((await backend.dataFile.read()).webhooks[0]!, secrets, {});
      expect(again.ok && again.webhook.headers[0]!.value).toBe('second');
      // The replaced secret is deleted from the store, not left behind.
      expect(await secrets.get(stored.headers[0]!.value)).toBeUndefined();
    });

    it('refuses to turn a stored secret into bullets when Secret is unticked, keeping the secret', async () => {
      const saved = unwrap(await backend.webhooks.create({ input: withSecret('keep-me') })).webhook;
      const { id: _id, createdAt: _c, updatedAt: _u, ...masked } = saved;
      const unticked = { ...masked, headers: masked.headers.map((h, i) => (i === 0 ? { key: h.key, value: h.value } : h)) };
      const r = await backend.webhooks.update({ id: saved.id, input: unticked });
      expect(r.ok ? 'saved' : r.error.issues?.[0]?.field).toBe('headers.0.value');
      const resolved = await resolveSecrets((await backend.dataFile.read()).webhooks[0]!, secrets, {});
      expect(resolved.ok && resolved.webhook.headers[0]!.value).toBe('keep-me');
    });

    it('names the field and saves nothing when the secret store cannot keep a typed secret', async () => {
      const cliLike = await createBackend({ dataDir: dir.path, secrets: new RefusingSecretStore(), mode: 'web', version: 'test', env: {} });
      const r = await cliLike.webhooks.create({ input: withSecret('typed-in-clear') });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.issues?.[0]?.field).toBe('headers.0.value');
        expect(r.error.issues?.[0]?.message).toMatch(/HOOKSMITH_SECRET_KEY/);
      }
      expect(unwrap(await cliLike.webhooks.list())).toEqual([]);
      expect(await rawFile()).not.toContain('typed-in-clear');
      cliLike.history.store.close();
    });

    it('refuses a mask with no stored secret behind it', async () => {
      const r = await backend.webhooks.create({ input: withSecret(MASKED_SECRET) });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.issues?.[0]?.field).toBe('headers.0.value');
    });

    it('keeps ${env:NAME} references as written and resolves them from the environment when used', async () => {
      const saved = unwrap(await backend.webhooks.create({ input: withSecret('${env:DD_KEY}') })).webhook;
      expect(saved.headers[0]!.value).toBe('${env:DD_KEY}');
      const stored = (await backend.dataFile.read()).webhooks[0]!;
      const missing = await resolveSecrets(stored, secrets, {});
      expect(missing.ok).toBe(false);
      if (!missing.ok) expect(missing.issues[0]!.message).toMatch(/^The DD-API-KEY header reads the environment variable DD_KEY, which is not set/);
      const ok = await resolveSecrets(stored, secrets, { DD_KEY: 'from-env' });
      expect(ok.ok && ok.webhook.headers[0]!.value).toBe('from-env');
    });

    it('exports stored secrets only as ${env:…} placeholders', async () => {
      unwrap(await backend.webhooks.create({ input: withSecret('dd-secret-value') }));
      const out = unwrap(await backend.webhooks.exportDefinitions({}));
      expect(out.text).not.toContain('dd-secret-value');
      expect(out.text).not.toContain('tok-123');
      expect(out.text).not.toContain(MASKED_SECRET);
      expect(out.secretPlaceholders).toEqual(['HOOKSMITH_SLACKALERTS_DD_API_KEY', 'HOOKSMITH_SLACKALERTS_TOKEN']);
      expect(out.text).toContain('${env:HOOKSMITH_SLACKALERTS_DD_API_KEY}');
    });

    it('gives a duplicate its own copy of each secret', async () => {
      const w = unwrap(await backend.webhooks.create({ input: withSecret('shared-value') })).webhook;
      const copy = unwrap(await backend.webhooks.duplicate({ id: w.id }));
      unwrap(await backend.webhooks.remove({ id: w.id }));
      const stored = (await backend.dataFile.read()).webhooks.find((x) => x.id === copy.id)!;
      const resolved = await resolveSecrets(stored, secrets, {});
      expect(resolved.ok && resolved.webhook.headers[0]!.value).toBe('shared-value');
    });
  });

  describe('definition files', () => {
    it('round-trips through export and import, secrets aside', async () => {
      unwrap(await backend.webhooks.create({ input: webhookInput({ name: 'One', filters: [{ field: 'integration', values: ['prod db'] }] }) }));
      unwrap(await backend.webhooks.create({ input: webhookInput({ name: 'Two', method: 'DELETE', timeoutSeconds: 20 }) }));
      const text = unwrap(await backend.webhooks.exportDefinitions({})).text;

      const other = await tempDir();
      try {
        const second = await createBackend({ dataDir: other.path, secrets: new MemorySecretStore(), mode: 'web', version: 'test', env: {} });
        const created = unwrap(await second.webhooks.importDefinitions({ text })).created;
        expect(created.map((w) => w.name)).toEqual(['One', 'Two']);
        expect(unwrap(await second.webhooks.exportDefinitions({})).text).toBe(text);
      } finally {
        await other.cleanup();
      }
    });

    it('returns the warnings of an imported file, by webhook and field', async () => {
      const text = JSON.stringify({ schemaVersion: 1, ...webhookInput({ name: 'Local', url: 'http://localhost:8080/h' }), timeout: 5 });
      const r = unwrap(await backend.webhooks.importDefinitions({ text }));
      expect(r.created.map((w) => w.name)).toEqual(['Local']);
      expect(r.warnings.map((w) => [w.webhook, w.field])).toEqual([
        ['Local', 'timeout'],
        ['Local', 'url'],
      ]);
    });

    it('names every secret the store refuses, in every webhook, and saves none', async () => {
      const cliLike = await createBackend({ dataDir: dir.path, secrets: new RefusingSecretStore(), mode: 'web', version: 'test', env: {} });
      const typed = (name: string) =>
        webhookInput({ name, headers: [{ key: 'DD-API-KEY', value: `key-of-${name}`, secret: true }], auth: { type: 'bearer', token: `token-of-${name}` } });
      const text = JSON.stringify([typed('SlackAlerts'), typed('Second')].map((w) => ({ schemaVersion: 1, ...w })));
      const r = await cliLike.webhooks.importDefinitions({ text });
      expect(r.ok ? [] : r.error.issues?.map((i) => i.field)).toEqual([
        'webhooks[0] (SlackAlerts).headers.0.value',
        'webhooks[0] (SlackAlerts).auth.token',
        'webhooks[1] (Second).headers.0.value',
        'webhooks[1] (Second).auth.token',
      ]);
      expect(r.ok ? '' : r.error.issues?.[0]?.message).toMatch(/^the CLI cannot keep a typed secret/);
      expect(unwrap(await cliLike.webhooks.list())).toEqual([]);
      cliLike.history.store.close();
    });

    it('saves nothing from a file in which any webhook is invalid', async () => {
      unwrap(await backend.webhooks.create({ input: webhookInput({ name: 'Existing' }) }));
      const before = await rawFile();
      const text = JSON.stringify([webhookInput({ name: 'Fine' }), webhookInput({ name: 'Bad', url: 'ftp://x' })]);
      const r = await backend.webhooks.importDefinitions({ text });
      expect(r.ok).toBe(false);
      expect(await rawFile()).toBe(before);
    });
  });
});
