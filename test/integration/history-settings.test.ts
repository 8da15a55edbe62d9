/** History retention settings through the API: a size cap too small to keep one response is refused by field. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/services/backend';
import { MemorySecretStore } from '../../electron/services/secrets/secret-store';
import { tempDir } from '../support/temp-dir';

let dir: { path: string; cleanup: () => Promise<void> };
let backend: Backend;
beforeEach(async () => {
  dir = await tempDir('hooksmith-history-settings-');
  backend = await createBackend({ dataDir: dir.path, secrets: new MemorySecretStore(), mode: 'web', version: 'test', env: {} });
});
afterEach(async () => {
  backend.history.store.close();
  await dir.cleanup();
});

describe('history retention settings', () => {
  it('refuses a size cap under 1 MB, naming the field and the fix, and keeps the settings as they were', async () => {
    const before = await backend.api.history.settings();
    const refused = await backend.api.history.updateSettings({ retention: { maxTotalBytes: 1000 } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'validation-failed', issues: [{ field: 'retention.maxTotalBytes', message: expect.stringContaining('below the smallest size cap, 1 MB') }] } });
    expect(await backend.api.history.settings()).toEqual(before);
  });

  it('accepts a 1 MB cap and keeps it across a reopen', async () => {
    const set = await backend.api.history.updateSettings({ retention: { maxTotalBytes: 1024 * 1024 } });
    expect(set).toMatchObject({ ok: true, value: { retention: { maxTotalBytes: 1024 * 1024 } } });
    backend.history.store.close();
    backend = await createBackend({ dataDir: dir.path, secrets: new MemorySecretStore(), mode: 'web', version: 'test', env: {} });
    expect(await backend.api.history.settings()).toMatchObject({ ok: true, value: { retention: { maxTotalBytes: 1024 * 1024 } } });
  });
});
