/**
 * Fuzzing the import paths through the real backend and its data folder: definition files
 * (`webhooks.importDefinitions`), repro bundles (`history.importBundle`, dry run and real) and sample
 * events (`samples.save`). Properties: never an `internal` answer; a refused import writes nothing (every
 * file under the data folder byte for byte the same); and what an accepted bundle put in the history can be
 * listed, opened and exported without an `internal` answer either. Prints the run counts.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/api/result';
import { FUZZ, bundleText, definitionText, hostileObjectText, json } from '../../shared/fuzz/arbitraries';
import { createBackend, type Backend } from '../../electron/services/backend';
import { MemorySecretStore } from '../../electron/services/secrets/secret-store';
import { tempDir } from '../support/temp-dir';

let dir: { path: string; cleanup: () => Promise<void> };
let backend: Backend;
let dataDir: string;
const counts: Record<string, number> = {};
/** Inputs a service accepted, so the note shows the fuzzing reached past the first check. */
const accepted: Record<string, number> = {};

beforeAll(async () => {
  dir = await tempDir();
  dataDir = join(dir.path, 'data');
  backend = await createBackend({ dataDir, secrets: new MemorySecretStore(), mode: 'web', version: 'test', env: {} });
});
afterAll(async () => {
  backend.history.store.close();
  await dir.cleanup();
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(`Import fuzzing: ${total} runs — ${Object.entries(counts).map(([k, v]) => `${k} ${v} (${accepted[k] ?? 0} accepted)`).join(', ')}`);
});

/** A digest of every file under the data folder, to prove a refusal wrote nothing. */
async function snapshot(): Promise<string> {
  const h = createHash('sha256');
  const entries = await readdir(dataDir, { withFileTypes: true, recursive: true });
  for (const e of entries.filter((x) => x.isFile()).sort((a, b) => join(a.parentPath, a.name).localeCompare(join(b.parentPath, b.name)))) {
    const path = join(e.parentPath, e.name);
    h.update(path).update(await readFile(path));
  }
  return h.digest('hex');
}

const notInternal = (r: Result<unknown>, what: string) => expect(r.ok || r.error.code !== 'internal', `${what}: ${r.ok ? '' : r.error.message}`).toBe(true);

async function run<T>(name: string, arb: fc.Arbitrary<T>, runs: number, property: (v: T) => Promise<void>): Promise<void> {
  counts[name] = 0;
  await fc.assert(
    fc.asyncProperty(arb, async (v) => {
      counts[name]!++;
      await property(v);
    }),
    { numRuns: runs * FUZZ.scale, seed: FUZZ.seed },
  );
}

describe('fuzzing the import paths against a real data folder', () => {
  it('definition files: never internal, and a refusal writes nothing', { timeout: 120_000 }, async () => {
    await run('definition imports', definitionText, 150, async (text) => {
      const before = await snapshot();
      const r = await backend.api.webhooks.importDefinitions({ text });
      notInternal(r, 'importDefinitions');
      if (!r.ok) expect(await snapshot()).toBe(before);
      else {
        accepted['definition imports'] = (accepted['definition imports'] ?? 0) + 1;
        for (const w of r.value.created) await backend.api.webhooks.remove({ id: w.id });
      }
    });
  });

  it('bundles: never internal, a dry run or a refusal writes nothing, and an imported entry lists, opens and exports', { timeout: 180_000 }, async () => {
    await run('bundle imports', bundleText, 150, async (text) => {
      const before = await snapshot();
      const dry = await backend.api.history.importBundle({ text, dryRun: true });
      notInternal(dry, 'importBundle dryRun');
      expect(await snapshot()).toBe(before);
      const r = await backend.api.history.importBundle({ text });
      notInternal(r, 'importBundle');
      if (!r.ok) {
        expect(await snapshot()).toBe(before);
        return;
      }
      accepted['bundle imports'] = (accepted['bundle imports'] ?? 0) + 1;
      notInternal(await backend.api.history.list({ limit: 5 }), 'history.list');
      notInternal(await backend.api.history.list({ text: 'a', limit: 5 }), 'history.list text');
      const id = r.value.invocation?.id;
      if (id) {
        notInternal(await backend.api.history.get({ id }), 'history.get');
        for (const format of ['curl', 'har', 'bundle'] as const) notInternal(await backend.api.history.exportInvocation({ id, format }), `export ${format}`);
        notInternal(await backend.api.history.stats({ webhookId: r.value.webhook.id }), 'history.stats');
        await backend.api.history.remove({ ids: [id] });
      }
      await backend.api.webhooks.remove({ id: r.value.webhook.id });
    });
  });

  it('sample events: never internal, and a refusal writes nothing', { timeout: 60_000 }, async () => {
    const event = fc.oneof(json, hostileObjectText().map((t) => JSON.parse(t) as unknown));
    await run('sample saves', fc.tuple(fc.string({ maxLength: 100 }), event), 100, async ([name, ev]) => {
      const before = await snapshot();
      const r = await backend.api.samples.save({ name, event: ev as Record<string, unknown> });
      notInternal(r, 'samples.save');
      if (!r.ok) expect(await snapshot()).toBe(before);
      else {
        accepted['sample saves'] = (accepted['sample saves'] ?? 0) + 1;
        await backend.api.samples.remove({ id: r.value.id });
      }
    });
  });
});
