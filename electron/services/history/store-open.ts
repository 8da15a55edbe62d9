/**
 * Reading a history folder into memory when the store opens, and repairing what a crash left: rows from
 * index.jsonl, segment lines no row covers (past the last row, and in gaps a torn index line left), torn tails,
 * and which rows still live; and writing a fresh index. Also what retention would remove, counted over the same
 * columns, and which records of a segment the size cap keeps.
 */
import { closeSync, ftruncateSync, openSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RetentionPolicy } from '../../../shared/history/types';
import { DEAD, tupleOf, type IndexColumns } from './index-columns';
import { fileLayer, scanLines, writeAll } from './line-files';
import { syncFolder } from './folder-access';
import { decodeRecord } from './record-codec';
import { segmentName, type IndexLine } from './segment-names';
import { fsErrorCode } from '../storage/write-errors';
import { PRIVATE_FILE_MODE } from '../storage/private-files';

/** A file's size; undefined when it is gone. */
function sizeOf(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch (e) {
    if (fsErrorCode(e) === 'ENOENT') return undefined;
    throw e;
  }
}

/** What reading index.jsonl found besides rows (which go straight into the columns). */
export interface IndexFileScan {
  exists: boolean;
  /** How far the file was read (its complete lines): lines appended since start there. */
  read: number;
  tombstones: Set<string>;
  /** From a compacted index's first line: each segment was indexed up to here (deleted lines leave no row). */
  ends: Map<number, number>;
  badLines: number;
}

/** How {@link indexUncoveredLines} may repair, and where it reports. */
export interface GapRepair {
  /** Whether this process may cut a torn tail off this segment (the owner, and no live guest writes it). */
  mayCut: (segment: number) => boolean;
  recovery: string[];
  /** Filled with each segment's size up to its last complete line. */
  segBytes: Map<number, number>;
}

/**
 * Loads index.jsonl's rows into the columns (in file order) and collects tombstones and compaction ends. It reads
 * through `fd`, the descriptor the store then appends to and refreshes from, and says how far it read: a line
 * another process appends meanwhile is read by the next refresh, never skipped (see `InvocationStore.load`).
 * `existed` says whether the file was there before the store opened (created it); a missing index is for the
 * caller to report, once it has listed the segments to rebuild it from.
 */
export function readIndexFile(fd: number, existed: boolean, cols: IndexColumns, recovery: string[]): IndexFileScan {
  const out: IndexFileScan = { exists: existed && fd >= 0, read: 0, tombstones: new Set(), ends: new Map(), badLines: 0 };
  if (!out.exists) return out;
  const scan = scanLines(fd, 0, (line) => {
    try {
      const v = JSON.parse(line.toString('utf8')) as IndexLine;
      if (Array.isArray(v)) cols.add(v);
      else if ('del' in v) for (const id of v.del) out.tombstones.add(id);
      else for (const [seg, end] of Object.entries(v.ends)) out.ends.set(Number(seg), end);
    } catch {
      out.badLines++;
    }
  });
  out.read = scan.validEnd;
  // The owner drops it when it rewrites the index (a recovery note makes it); anyone's next line starts past it.
  if (scan.validEnd < scan.size) recovery.push(`index.jsonl ended in a torn line (${scan.size - scan.validEnd} bytes); it was skipped.`);
  if (out.badLines) recovery.push(`${out.badLines} unreadable index line(s) were skipped.`);
  return out;
}

/**
 * Indexes every complete segment line no index row covers: past the last row (the process died between the
 * segment write and the index write) and in gaps between rows (an index line torn, then glued to the next).
 * Bytes before a compacted index's `ends` are covered: lines deleted there left no row. A torn tail is cut
 * off by the owner. A segment deleted since it was listed (by the owner, while this process is a guest) is
 * skipped and left out of `segBytes`. Returns how many records were found.
 */
export function indexUncoveredLines(dir: string, c: IndexColumns, segments: readonly number[], ends: ReadonlyMap<number, number>, how: GapRepair): number {
  const { recovery } = how;
  const spans = new Map<number, number[]>();
  for (let r = 0; r < c.count; r++) {
    let rows = spans.get(c.segment[r]!);
    if (!rows) spans.set(c.segment[r]!, (rows = []));
    rows.push(r);
  }
  let found = 0;
  for (const seg of segments) {
    const path = join(dir, segmentName(seg));
    const size = sizeOf(path);
    if (size === undefined) continue;
    const rows = (spans.get(seg) ?? []).sort((a, b) => c.offset[a]! - c.offset[b]!);
    const gaps: [number, number][] = [];
    let at = Math.min(ends.get(seg) ?? 0, size);
    for (const r of rows) {
      if (c.offset[r]! > at) gaps.push([at, Math.min(c.offset[r]!, size)]);
      at = Math.max(at, c.offset[r]! + c.length[r]!);
    }
    let bad = 0;
    const onLine = (line: Buffer, offset: number) => {
      try {
        c.add(tupleOf(decodeRecord(line), seg, offset, line.length));
        found++;
      } catch {
        bad++;
      }
    };
    let tail: { validEnd: number; size: number };
    try {
      for (const [from, to] of gaps) if (from < to) scanLines(path, from, onLine, to);
      tail = scanLines(path, Math.min(at, size), onLine);
    } catch (e) {
      if (fsErrorCode(e) !== 'ENOENT') throw e;
      continue; // deleted while we read it: its rows are dead
    }
    if (bad) recovery.push(`${segmentName(seg)}: ${bad} unreadable line(s) were skipped.`);
    // A torn tail is cut only by the owner, and only in a segment no live guest writes: otherwise it may be a
    // line the other process is writing right now.
    if (tail.validEnd < tail.size && how.mayCut(seg)) {
      const fd = openSync(path, 'r+');
      ftruncateSync(fd, tail.validEnd);
      fileLayer.fullSync(fd);
      closeSync(fd);
      recovery.push(`${segmentName(seg)} ended in a torn line (${tail.size - tail.validEnd} bytes, a write cut short); it was cut off.`);
    }
    how.segBytes.set(seg, tail.validEnd);
  }
  return found;
}

/**
 * Marks rows dead that were deleted, shadowed by a later row of the same id, or point past their file; counts
 * the live rows per segment into `segLive`. Returns how many rows live.
 */
export function markLiveRows(c: IndexColumns, present: ReadonlySet<number>, tombstones: ReadonlySet<string>, segBytes: ReadonlyMap<number, number>, segLive: Map<number, number>): number {
  let live = 0;
  for (let r = 0; r < c.count; r++) {
    const seg = c.segment[r]!;
    const beyond = c.offset[r]! + c.length[r]! > (segBytes.get(seg) ?? 0);
    const shadowed = c.byId.get(c.ids[r]!) !== r;
    if (!present.has(seg) || beyond || shadowed || tombstones.has(c.ids[r]!)) c.flags[r]! |= DEAD;
    else {
      live++;
      segLive.set(seg, (segLive.get(seg) ?? 0) + 1);
    }
  }
  return live;
}

/**
 * How many of the `liveCount` kept invocations would go under `policy`: the newest are kept while within the
 * count, the age and, by their stored size, the size cap (what `enforceRetention` keeps).
 */
export function countRemoved(c: IndexColumns, liveCount: number, policy: RetentionPolicy, now: number): number {
  const cutoff = policy.maxAgeDays === null ? -Infinity : now - policy.maxAgeDays * 86_400_000;
  let kept = 0;
  let bytes = 0;
  for (let r = c.count - 1; r >= 0; r--) {
    if (!c.isLive(r)) continue;
    bytes += c.length[r]! + 1;
    if (c.time[r]! < cutoff || (policy.maxRecords !== null && kept >= policy.maxRecords) || (policy.maxTotalBytes !== null && bytes > policy.maxTotalBytes)) break;
    kept++;
  }
  return liveCount - kept;
}

/**
 * Writes `name` afresh from the live rows (temp file, fsync, rename, folder fsync), led by how far each segment was
 * read. Returns how many bytes it wrote: lines past them were appended by another process after the rename.
 */
export function writeIndexFile(dir: string, name: string, c: IndexColumns, segBytes: ReadonlyMap<number, number>): number {
  const ends: Record<string, number> = {};
  for (const [seg, bytes] of segBytes) ends[seg] = bytes;
  const lines: string[] = [JSON.stringify({ ends })];
  for (let r = 0; r < c.count; r++) if (c.isLive(r)) lines.push(JSON.stringify(c.tuple(r)));
  const tmp = join(dir, `${name}.tmp`);
  const fd = openSync(tmp, 'w', PRIVATE_FILE_MODE);
  const bytes = Buffer.from(lines.join('\n') + '\n');
  writeAll(fd, bytes);
  fileLayer.fullSync(fd);
  closeSync(fd);
  renameSync(tmp, join(dir, name));
  syncFolder(dir);
  return bytes.length;
}

/**
 * The live rows of `segment` (from `firstLive` on, oldest first), split into the newest that fit in `budget`
 * bytes (`keep`, each counted with a possible leading newline) and the older rest (`drop`).
 */
export function splitSegment(c: IndexColumns, firstLive: number, segment: number, budget: number): { keep: number[]; drop: number[] } {
  const rows: number[] = [];
  for (let r = firstLive; r < c.count; r++) if (c.isLive(r) && c.segment[r] === segment) rows.push(r);
  let room = budget;
  let keepFrom = rows.length;
  while (keepFrom > 0 && c.length[rows[keepFrom - 1]!]! + 1 <= room) room -= c.length[rows[--keepFrom]!]! + 1;
  return { keep: rows.slice(keepFrom), drop: rows.slice(0, keepFrom) };
}
