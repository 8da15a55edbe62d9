/**
 * Brings a loaded store document up to {@link CURRENT_SCHEMA_VERSION} and validates it.
 *
 * Runs the numbered migrations in order, then {@link validateStoreDocument}. A document from a newer
 * Hooksmith is refused, never "migrated down": its fields may mean things this build does not know.
 */
import { CURRENT_SCHEMA_VERSION, validateStoreDocument, type StoreDocument } from '../store-schema';
import { isRecord } from '../shape-check';
import type { Migration } from './migration';
import { addSettings } from './001-add-settings';
import { addSamples } from './002-add-samples';
import { addNetworkSettings } from './003-add-network-settings';
import { addResponseLimit } from './004-add-response-limit';

/** Every migration, one per version step, in order. */
export const MIGRATIONS: readonly Migration[] = [addSettings, addSamples, addNetworkSettings, addResponseLimit];

/** A usable document (with the version it was migrated from, if any) or why it cannot be used. */
/** `newer` marks a file from a newer Hooksmith: it must be left alone, not treated as corrupt. */
export type MigrateResult = { ok: true; doc: StoreDocument; migratedFrom?: number } | { ok: false; reason: string; newer?: boolean };

/**
 * Migrates and validates a document read from disk. Pure: the argument is not changed.
 *
 * `migratedFrom` tells the loader to keep a backup of the original file before writing the new one.
 */
export function migrate(doc: unknown): MigrateResult {
  if (!isRecord(doc)) return { ok: false, reason: 'The data file must hold a JSON object with a schemaVersion.' };
  const from = doc.schemaVersion;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1) {
    return { ok: false, reason: `The data file has no valid schemaVersion (found ${JSON.stringify(from)}); it may not be a Hooksmith data file.` };
  }
  if (from > CURRENT_SCHEMA_VERSION) {
    return {
      ok: false,
      reason: `The data file was written by a newer Hooksmith (schema version ${from}; this version reads up to ${CURRENT_SCHEMA_VERSION}). Update Hooksmith; the file was left unchanged.`,
      newer: true,
    };
  }
  let current: Record<string, unknown> = doc;
  for (let version = from; version < CURRENT_SCHEMA_VERSION; version++) {
    const step = MIGRATIONS.find((m) => m.from === version);
    if (!step) return { ok: false, reason: `No migration from schema version ${version}; this is a Hooksmith bug.` };
    current = { ...step.up(current), schemaVersion: version + 1 };
  }
  const checked = validateStoreDocument(current);
  if (!checked.ok) return { ok: false, reason: from < CURRENT_SCHEMA_VERSION ? `After migrating from schema version ${from}: ${checked.reason}` : checked.reason };
  return from < CURRENT_SCHEMA_VERSION ? { ok: true, doc: checked.doc, migratedFrom: from } : { ok: true, doc: checked.doc };
}
