/**
 * The history folder's file names and the index's line shapes: segments (`seg-000001.jsonl`), the marks guests
 * leave beside theirs (and whether that guest still runs), the `.gone` marks that keep a deleted guest segment's
 * number from being taken again, creating a segment, and the shapes of index lines.
 */
import { existsSync, fstatSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
 * Beside the number of a segment a guest emptied and deleted when it closed: that number is not taken again until
 * the owner's next open has read every row the old file had (see {@link spentMarks}). Taken again at once, an
 * owner that had not yet read the old file's rows and tombstones took the new file for the old one, emptied and
 * read to its end, and deleted it with records acknowledged in it (issue 10's torture loss).
 */
export const goneMarkName = (n: number) => `seg-${String(n).padStart(6, '0')}.gone`;

/**
 * A guest that closes with its segment emptied deletes the file (its records obey retention on disk) and keeps the
 * number: its mark becomes a `.gone` mark. `fd` is the segment, still open: a file an owner's clear already
 * deleted is not ours to delete by name (the name may belong to a newer file).
 */
export function retireGuestSegment(dir: string, n: number, fd: number): void {
  if (fstatSync(fd).nlink > 0) rmSync(join(dir, segmentName(n)), { force: true });
  try {
    renameSync(join(dir, guestMarkName(n)), join(dir, goneMarkName(n)));
  } catch {
    /* the owner's clear took the mark with the file: the number is no longer ours to keep */
  }
}

/**
 * Marks whose only use is to keep a number from being taken again: `.gone` marks, and marks of guests that died
 * before creating their segment or after deleting it. Every index row of those segments was written before the
 * mark was left, so an owner that lists them before it reads the index, then reads it, may delete them.
 */
export function spentMarks(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const present = new Set(names);
  return names.filter((name) => {
    const m = /^seg-(\d+)\.(gone|guest)$/.exec(name);
    if (!m) return false;
    return m[2] === 'gone' || (!present.has(segmentName(Number(m[1]))) && !liveGuestSegment(dir, Number(m[1])));
  });
}

/** Whether a mark keeps `n` from being taken: a guest's (running, or its segment not yet created) or a `.gone` one. */
const reserved = (dir: string, n: number) => existsSync(join(dir, goneMarkName(n))) || existsSync(join(dir, guestMarkName(n)));

/**
 * Creates the first free segment from `from` on, exclusively, skipping numbers a mark keeps. A guest reserves the
 * number with its mark first, so no owner opening meanwhile appends to it; if the owner took the number anyway,
 * the mark is taken back.
 */
export function createSegment(dir: string, from: number, guest: boolean): { fd: number; n: number } {
  for (let n = from; ; n++) {
    const mark = join(dir, guestMarkName(n));
    try {
      // A guest's own mark below catches another guest's; an owner leaves no mark, so it looks for one.
      if (guest ? existsSync(join(dir, goneMarkName(n))) : reserved(dir, n)) continue;
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
