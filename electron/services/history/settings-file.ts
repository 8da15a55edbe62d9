/**
 * History preferences in `<dataDir>/history/settings.json`: kept beside the store rather than in the lowdb
 * document so the history owns its own folder (copy it, delete it, the webhooks are untouched).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_RETENTION, type HistorySettings, type RetentionPolicy } from '../../../shared/history/types';
import { fsErrorCode } from '../storage/write-errors';
import { writeFileAtomic } from '../storage/atomic-file';

const FILE = 'settings.json';

const limit = (v: unknown, fallback: number | null): number | null => (v === null ? null : typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback);

/** Reads the settings; a missing or unreadable file means the defaults (see {@link loadHistorySettings}). */
export function readHistorySettings(dir: string): HistorySettings {
  return loadHistorySettings(dir).settings;
}

/** No limit at all: what a history whose saved settings cannot be read keeps, so nothing chosen to keep goes. */
const KEEP_EVERYTHING: RetentionPolicy = { maxRecords: null, maxAgeDays: null, maxTotalBytes: null };

/**
 * The saved settings, read before the store opens so retention never runs with limits the user did not choose
 * ("keep forever" must hold from the first moment). No file means the defaults. A file that exists but cannot be
 * read or parsed keeps everything (it may have said "keep forever") and says so in `problem`.
 */
export function loadHistorySettings(dir: string): { settings: HistorySettings; problem: string | null } {
  let text: string;
  try {
    text = readFileSync(join(dir, FILE), 'utf8');
  } catch (e) {
    if (fsErrorCode(e) === 'ENOENT' || fsErrorCode(e) === 'ENOTDIR') return { settings: { retention: { ...DEFAULT_RETENTION }, omitBodiesFor: [] }, problem: null };
    return { settings: { retention: { ...KEEP_EVERYTHING }, omitBodiesFor: [] }, problem: `${FILE} could not be read (${fsErrorCode(e) ?? String(e)}); nothing is dropped by retention until it can be.` };
  }
  try {
    const v = JSON.parse(text) as Partial<{ retention: Partial<RetentionPolicy>; omitBodiesFor: unknown }>;
    const r = v.retention ?? {};
    return {
      settings: {
        retention: {
          maxRecords: limit(r.maxRecords, DEFAULT_RETENTION.maxRecords),
          maxAgeDays: limit(r.maxAgeDays, DEFAULT_RETENTION.maxAgeDays),
          maxTotalBytes: limit(r.maxTotalBytes, DEFAULT_RETENTION.maxTotalBytes),
        },
        omitBodiesFor: Array.isArray(v.omitBodiesFor) ? v.omitBodiesFor.filter((x): x is string => typeof x === 'string') : [],
      },
      problem: null,
    };
  } catch {
    return {
      settings: { retention: { ...KEEP_EVERYTHING }, omitBodiesFor: [] },
      problem: `${FILE} is not valid JSON; nothing is dropped by retention until the history settings are saved again.`,
    };
  }
}

/** Writes the settings atomically and durably, as every whole-file write (see storage/atomic-file.ts). */
export function writeHistorySettings(dir: string, settings: HistorySettings): Promise<void> {
  return writeFileAtomic(join(dir, FILE), JSON.stringify(settings, null, 2) + '\n');
}
