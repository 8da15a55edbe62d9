/**
 * History preferences in `<dataDir>/history/settings.json`: kept beside the store rather than in the lowdb
 * document so the history owns its own folder (copy it, delete it, the webhooks are untouched).
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_RETENTION, type HistorySettings, type RetentionPolicy } from '../../../shared/history/types';
import { PRIVATE_FILE_MODE } from '../storage/private-files';

const FILE = 'settings.json';

const limit = (v: unknown, fallback: number | null): number | null => (v === null ? null : typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback);

/** Reads the settings; a missing or unreadable file means the defaults. */
export function readHistorySettings(dir: string): HistorySettings {
  try {
    const v = JSON.parse(readFileSync(join(dir, FILE), 'utf8')) as Partial<{ retention: Partial<RetentionPolicy>; omitBodiesFor: unknown }>;
    const r = v.retention ?? {};
    return {
      retention: {
        maxRecords: limit(r.maxRecords, DEFAULT_RETENTION.maxRecords),
        maxAgeDays: limit(r.maxAgeDays, DEFAULT_RETENTION.maxAgeDays),
        maxTotalBytes: limit(r.maxTotalBytes, DEFAULT_RETENTION.maxTotalBytes),
      },
      omitBodiesFor: Array.isArray(v.omitBodiesFor) ? v.omitBodiesFor.filter((x): x is string => typeof x === 'string') : [],
    };
  } catch {
    return { retention: { ...DEFAULT_RETENTION }, omitBodiesFor: [] };
  }
}

/** Writes the settings atomically (temp file + rename). */
export function writeHistorySettings(dir: string, settings: HistorySettings): void {
  const tmp = join(dir, `${FILE}.tmp`);
  writeFileSync(tmp, JSON.stringify(settings, null, 2) + '\n', { mode: PRIVATE_FILE_MODE });
  renameSync(tmp, join(dir, FILE));
}
