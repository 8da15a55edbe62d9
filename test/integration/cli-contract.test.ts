/**
 * The CLI reaches the backend only through the contract, as the app does (issue 14): a command's arguments
 * are checked by the same schemas and its errors have the same typed shape as over the HTTP bridge and IPC.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchApiCall } from '../../shared/api/dispatch';
import { createBackend } from '../../electron/services/backend';
import { MemorySecretStore } from '../../electron/services/secrets/secret-store';
import { cliIn } from '../support/cli-in';
import { tempDir } from '../support/temp-dir';

let dir: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  dir = await tempDir('hooksmith-cli-contract-');
});
afterEach(() => dir.cleanup());

describe('the CLI through the contract', () => {
  it('refuses an argument the contract refuses, with the message the app would get', async () => {
    const tooLong = 'x'.repeat(300);
    const r = await cliIn(dir.path, ['show', tooLong]);
    expect(r.code).toBe(1);
    // The same call as the browser or the desktop app would make it.
    const backend = await createBackend({ dataDir: join(dir.path, 'home'), secrets: new MemorySecretStore(), mode: 'web', version: 'test', env: {} });
    try {
      const viaContract = await dispatchApiCall(backend.api, 'history.get', { id: tooLong });
      expect(viaContract).toMatchObject({ ok: false, error: { code: 'invalid-argument', field: 'id' } });
      expect(r.err).toBe(`${viaContract.ok ? '' : viaContract.error.message}\n`);
    } finally {
      backend.close();
    }
  });

  it('prints the data folder notices the app shows (from app.info), once', async () => {
    const first = await cliIn(dir.path, ['webhooks', 'list']);
    expect(first.err).not.toMatch(/Notice:/);
    await writeFile(join(dir.path, 'home', 'hooksmith.json'), '{ not json');
    const r = await cliIn(dir.path, ['webhooks', 'list']);
    expect(r.code).toBe(0);
    expect(r.err.match(/^Notice: Your data file could not be used \(it is not valid JSON: .*\)\. It was moved to .*hooksmith\.corrupt-.*\.json/gm)).toHaveLength(1);
  });
});
