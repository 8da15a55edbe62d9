/**
 * The history folder's file names and the index's line shapes: segments (`seg-000001.jsonl`), the marks guests
 * leave beside theirs (and whether that guest still runs), creating a segment, and the shapes of index lines.
 */
import { openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IndexTuple } from './index-columns';
import { PRIVATE_FILE_MODE } from '../storage/private-files';
import { identityLive, myIdentity } from './process-identity';
import { syncFolder } from './folder-access';

export const segmentName = (n: number) => `seg-${String(n).padStart(6, '0')}.jsonl`;
/** Beside a segment a guest created: an owner opening later must not append to it (the guest may still be). */
export const guestMarkName = (n: number) => `seg-${String(n).padStart(6, '0')}.guest`;

/** An index line: a record's tuple, a tombstone, or (first line of a rewritten index) how far each segment was read. */
export type IndexLine = IndexTuple | { del: string[] } | { ends: Record<string, number> };

/** A new segment starts past this size: big enough to keep file counts low, small enough to delete and scan in pieces. */
export const DEFAULT_SEGMENT_BYTES = 16 * 1024 * 1024;

/**
 * How big a segment grows before the next starts: 16 MB, or an eighth of a smaller size cap (at least 64 KB),
 * so retention, which gives disk back a whole segment at a time, can keep a small cap.
 */
export function segmentBytesFor(maxTotalBytes: number | null): number {
  return maxTotalBytes === null ? DEFAULT_SEGMENT_BYTES : Math.min(DEFAULT_SEGMENT_BYTES, Math.max(64 * 1024, Math.floor(maxTotalBytes / 8)));
}

/** Whether a guest that is still running created this segment (its mark names a live process; see process-identity.ts). */
export function liveGuestSegment(dir: string, seg: number): boolean {
  const mark = join(dir, guestMarkName(seg));
  try {
    return identityLive(readFileSync(mark, 'utf8'), statSync(mark).mtimeMs);
  } catch {
    return false;
  }
}

/**
 * Creates the first free segment from `from` on, exclusively. A guest reserves the number with its mark first,
 * so no owner opening meanwhile appends to it; if the owner took the number anyway, the mark is taken back.
 */
export function createSegment(dir: string, from: number, guest: boolean): { fd: number; n: number } {
  for (let n = from; ; n++) {
    const mark = join(dir, guestMarkName(n));
    try {
      if (guest) writeFileSync(mark, myIdentity(), { flag: 'wx', mode: PRIVATE_FILE_MODE });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      continue;
    }
    try {
      const fd = openSync(join(dir, segmentName(n)), 'ax+', PRIVATE_FILE_MODE);
      // The new file's name must reach the disk before records acknowledged in it do.
      syncFolder(dir);
      return { fd, n };
    } catch (e) {
      if (guest) rmSync(mark, { force: true });
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}
