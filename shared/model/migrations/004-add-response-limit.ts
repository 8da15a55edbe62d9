/**
 * Migration 4 → 5: adds `settings.maxResponseBytes`, how much of a response body a delivery keeps.
 *
 * Version 4 always kept 1 MB, so that is what the setting starts at: nothing changes until the user changes
 * it. A value already there (a hand-edited file) is kept for validation to judge.
 */
import type { Migration } from './migration';
import { isRecord } from '../shape-check';

/** The limit every version up to 4 used, frozen here: a later default must not rewrite history. */
const V4_MAX_RESPONSE_BYTES = 1024 * 1024;

/** See the file comment. */
export const addResponseLimit: Migration = {
  from: 4,
  description: 'add the response body limit setting',
  up(doc) {
    // Settings that are not an object are left for validation to report; a migration does not judge data.
    if (!isRecord(doc.settings)) return { ...doc };
    const kept = doc.settings.maxResponseBytes;
    return { ...doc, settings: { ...doc.settings, maxResponseBytes: kept === undefined ? V4_MAX_RESPONSE_BYTES : kept } };
  },
};
