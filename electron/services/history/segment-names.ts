/**
 * The history folder's file names and the index's line shapes: segments (`seg-000001.jsonl`), the marks guests
 * leave beside theirs (and whether that guest still runs), the `.gone` marks that keep a deleted segment's number
 * from being taken again, creating and deleting a segment, and the shapes of index lines.
 */
import { existsSync, fstatSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IndexTuple } from './index-columns';
import { PRIVATE_FILE_MODE } from '../storage/private-files';
import { identityLive, myIdentity } from './process-identity';
import { syncFolder } from './folder-access';
import { fileLayer } from './line-files';

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
 * Keeps the number of a deleted segment taken. Segment numbers are never taken twice: a new segment gets a number
 * above every segment and mark in the folder, and the highest number always has a file, since deleting the
 * segment with the highest number leaves this mark. Taken twice, a process that remembered the old file (its
 * rows and tombstones not yet read, or a compacted index's `ends`) took the new one for it: an owner deleted a
 * new, smaller file as the old one emptied and read to its end, with records acknowledged in it (issue 10's
 * torture loss), and the `ends` of the old file hid the new file's unindexed lines.
 */
export const goneMarkName = (n: number) => `seg-${String(n).padStart(6, '0')}.gone`;

/** The segment files and marks in the folder, with their numbers. */
function numberedFiles(dir: string): { name: string; n: number; kind: string }[] {
  let names: string[];
  try {
    names = fileLayer.list(dir);
  } catch {
    return [];
  }
  const out: { name: string; n: number; kind: string }[] = [];
  for (const name of names) {
    const m = /^seg-(\d+)\.(jsonl|guest|gone)$/.exec(name);
    if (m) out.push({ name, n: Number(m[1]), kind: m[2]! });
  }
  return out;
}

/** The highest number a segment or mark in the folder holds, `except` left out; 0 when there is none. */
export function highestNumber(dir: string, except = -1): number {
  let top = 0;
  for (const { n } of numberedFiles(dir)) if (n !== except && n > top) top = n;
  return top;
}

/** Deletes a segment and its guest's mark, leaving a `.gone` mark first when its number is the highest. */
export function removeSegment(dir: string, n: number): void {
  if (highestNumber(dir, n) < n) writeFileSync(join(dir, goneMarkName(n)), '', { mode: PRIVATE_FILE_MODE });
  rmSync(join(dir, segmentName(n)), { force: true });
  rmSync(join(dir, guestMarkName(n)), { force: true });
}

/**
 * A guest that closes with its segment emptied deletes the file (its records obey retention on disk); its mark
 * goes too, or becomes the `.gone` mark when its number is the highest. `fd` is the segment, still open: a file an
 * owner's clear already deleted is not ours to delete by name.
 */
export function retireGuestSegment(dir: string, n: number, fd: number): void {
  if (fstatSync(fd).nlink > 0) rmSync(join(dir, segmentName(n)), { force: true });
  const mark = join(dir, guestMarkName(n));
  try {
    if (highestNumber(dir, n) < n) renameSync(mark, join(dir, goneMarkName(n)));
    else rmSync(mark, { force: true });
  } catch {
    /* the owner's clear took the mark with the file, and the number with it */
  }
}

/**
 * Marks no longer needed, for the owner to delete: below the highest number (which keeps every lower one from
 * being taken), `.gone` marks and the marks of guests that died before creating their segment or after deleting it.
 */
export function spentMarks(dir: string): string[] {
  const files = numberedFiles(dir);
  const top = files.reduce((max, f) => Math.max(max, f.n), 0);
  const segments = new Set(files.filter((f) => f.kind === 'jsonl').map((f) => f.n));
  return files
    .filter((f) => f.n < top && (f.kind === 'gone' || (f.kind === 'guest' && !segments.has(f.n) && !liveGuestSegment(dir, f.n))))
    .map((f) => f.name);
}

/** Whether a mark keeps `n` from being taken: a guest's (running, or its segment not yet created) or a `.gone` one. */
const reserved = (dir: string, n: number) => existsSync(join(dir, goneMarkName(n))) || existsSync(join(dir, guestMarkName(n)));

/**
 * Creates the first free segment from `from` on (past {@link highestNumber}), exclusively, skipping numbers a mark
 * keeps. A guest reserves the number with its mark first, so no owner opening meanwhile appends to it; if the
 * owner took the number anyway, the mark is taken back.
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
