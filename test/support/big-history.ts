/**
 * A history big enough that a full-text search lasts far longer than a few other calls (~120 MB: 600 records
 * with 200 KB bodies), written with the store before a server opens the folder, and kept forever (the records
 * are dated 2025, past the default age limit).
 */
import { join } from 'node:path';
import { InvocationStore } from '../../electron/services/history/invocation-store';
import { writeHistorySettings } from '../../electron/services/history/settings-file';
import { makeRecord } from './invocation-fixtures';

const NO_LIMITS = { maxRecords: null, maxAgeDays: null, maxTotalBytes: null };

/** How many records {@link writeBigHistory} writes; ids run from `big-0` to `big-599`, newest last. */
export const BIG_HISTORY_RECORDS = 600;

/**
 * Matches nothing, yet costs the most a search can: both pieces are in every record (the requester's name and
 * email), so every record is parsed to check for them as one `name: value` header, which none holds.
 */
export const SLOW_SEARCH_TERM = 'Ada Lovelace: ada@example.com';

/** Writes the records into `<home>/history`. */
export async function writeBigHistory(home: string): Promise<void> {
  const dir = join(home, 'history');
  const store = InvocationStore.open(dir, { retention: NO_LIMITS });
  for (let i = 0; i < BIG_HISTORY_RECORDS; i += 50) store.appendMany(Array.from({ length: 50 }, (_, k) => makeRecord({ id: `big-${i + k}` }, 200_000)));
  store.close();
  await writeHistorySettings(dir, { retention: NO_LIMITS, omitBodiesFor: [] });
}
