/**
 * The invocation history on disk: append-only JSON Lines segments plus a compact, append-only index.
 *
 * Why not lowdb (which keeps webhooks and settings): it rewrites its whole file on every write, so an append
 * at 50,000 records of ~4 KB costs ~2 s and past ~120,000 `JSON.stringify` fails outright (see
 * docs/history.md). Here an append is two `write`s at the end of two files, whatever the history's size:
 *
 * - `seg-000001.jsonl`, `seg-000002.jsonl`, …: one record per line; a new segment starts at ~16 MB, so
 *   retention frees disk by deleting whole files and search reads one bounded window at a time.
 * - `index.jsonl`: one small tuple per record (id, time, webhook, trigger, outcome, status, duration, error
 *   class, segment, offset, length) and `{"del":[…]}` tombstones. Loaded into typed-array columns on open;
 *   bodies are never held in memory. It can always be rebuilt from the segments.
 *
 Crash safety: the segment line is written (and fsynced) before its index line. On open, a torn last line (the
 * process died mid-append) is truncated away, and segment lines the index does not cover (anywhere, not only
 * past its last entry) are indexed, so a kill loses at most the record being written. An append starts with a
 * newline when the file does not end with one, so a torn line never swallows the next record.
 *
 * Durability (docs/history.md, "What is kept once you see it"): an appended record is in the OS's hands at
 * once (a killed process loses nothing), and on disk (fsynced) within `GROUP_COMMIT_MS` (a bounded group
 * commit: one fsync per file for every append in that window) or as soon as `sync()` is called. The history
 * service calls `sync()` before it returns a delivery, so once `send` has printed its result or the UI shows an
 * invocation, it survives a power cut too. File creations, renames and deletions are followed by a folder fsync.
 *
 * Compaction drops tombstones, so a rewritten index starts with `{"ends":{segment:bytes}}`: how far it had
 * read each segment. Without it, records deleted at a segment's tail would look unindexed on the next open
 * and come back to life.
 *
 * A folder this process cannot write (permissions, a read-only disk) opens as a guest that reads: commands
 * that only read the history work, and every change fails with the typed `storage-unwritable` error.
 *
 * Several processes (the app and the CLI) may have the folder open: see `owner-lock.ts`. The owner appends
 * to the last segment and alone rewrites the index, cuts torn lines and deletes emptied segments; any other
 * process appends to a segment of its own (so offsets never race) and reloads when the owner replaced the
 * index under it (see `refresh`).
 */
import { closeSync, existsSync, fstatSync, openSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { InvocationRecord } from '../../../shared/delivery/invocation';
import { DEFAULT_RETENTION, type HistoryPage, type HistoryQuery, type RetentionPolicy, type WebhookStats } from '../../../shared/history/types';
import { stripBodies } from '../../../shared/history/summary';
import { DEAD, FIELD, IndexColumns, tupleOf, type IndexTuple } from './index-columns';
import { endsWithNewline, fileLayer, readRange, readRangeSync, readTail, scanLines, writeAll } from './line-files';
import { createSegment, guestMarkName, liveGuestSegment, retireGuestSegment, segmentBytesFor, segmentName, spentMarks, type IndexLine } from './segment-names';
import { tryOwn } from './owner-lock';
import { fsErrorCode } from '../storage/write-errors';
import { changing, ensureFolder, listSegments, openIndex, syncFolder } from './folder-access';
import { queryIndex, statsFor } from './store-query';
import { PRIVATE_FILE_MODE } from '../storage/private-files';
import { countRemoved, indexUncoveredLines, markLiveRows, readIndexFile, splitSegment, writeIndexFile, type IndexFileScan } from './store-open';
import { GroupCommit } from './group-commit';
import { decodeRecord, encodeRecord } from './record-codec';
import { loadHistorySettings } from './settings-file';

const INDEX_FILE = 'index.jsonl';
const DAY = 86_400_000;
const NEWLINE = Buffer.from('\n');
/** Past this many rows in one append, add them all and sort once instead of inserting each in time order. */
const SORT_BATCH = 32;

/** Whether a line is JSON (an index line, not a torn one). */
function parses(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

export interface StoreOptions {
  /** Limits to enforce; absent, the folder's saved settings (settings.json) apply from the first moment. */
  retention?: Partial<RetentionPolicy>;
  /** Webhook ids whose records are stored without bodies; absent, the folder's saved settings. */
  omitBodiesFor?: Iterable<string>;
  maxSegmentBytes?: number;
  now?: () => number;
}

/** One line to write to the current segment, and its index row once its place is known. */
interface PendingLine {
  line: Buffer;
  tuple: (segment: number, offset: number, length: number) => IndexTuple;
}

export class InvocationStore {
  cols = new IndexColumns();
  /** What open() found and fixed, in words (torn lines, rebuilt index), for `app.info` notices and tests. */
  readonly recovery: string[] = [];
  retention: RetentionPolicy;
  omitBodiesFor: Set<string>;
  private segFd = -1;
  private indexFd = -1;
  private currentSeg = 1;
  private indexSize = 0;
  /** Live rows and file size per segment, so a segment whose rows all died is deleted. */
  private readonly segLive = new Map<number, number>();
  private readonly segBytes = new Map<number, number>();
  /** No live row sits before this one (rows are in time order): where count and age retention resume. */
  private firstLive = 0;
  private liveCount = 0;
  /** A fixed segment size (tests); otherwise {@link segmentBytesFor} derives it from the size cap. */
  private readonly fixedSegmentBytes: number | undefined;
  private readonly now: () => number;
  /** Fsyncs the segment, then the index, at most GROUP_COMMIT_MS after an append (see group-commit.ts). */
  private readonly commit = new GroupCommit(() => {
    if (this.segFd >= 0) fileLayer.sync(this.segFd);
    if (this.indexFd >= 0) fileLayer.sync(this.indexFd);
  });
  /** Releases `.lock` when this process owns the folder; `null` for a guest (see owner-lock.ts). */
  private release: (() => void) | null = null;
  /** The index file's inode when opened: a different one on disk means the owner rewrote it. */
  private indexIno = 0;
  /** Why the index could not be opened for appending (a read-only folder): changes fail with it, reads work. */
  private refusal: unknown = null;
  private closed = false;

  private constructor(
    readonly dir: string,
    options: StoreOptions,
  ) {
    this.retention = { ...DEFAULT_RETENTION, ...options.retention };
    this.omitBodiesFor = new Set(options.omitBodiesFor ?? []);
    this.fixedSegmentBytes = options.maxSegmentBytes;
    this.now = options.now ?? Date.now;
  }

  /**
   * Opens (creating) a history folder, recovering from torn lines or a missing index. Never fails on bad lines.
   * Retention runs only with the limits given or, when none are given, the folder's saved settings: never with
   * defaults the user did not choose.
   */
  static open(dir: string, options: StoreOptions = {}): InvocationStore {
    ensureFolder(dir);
    let opts = options;
    let problem: string | null = null;
    if (options.retention === undefined || options.omitBodiesFor === undefined) {
      const saved = loadHistorySettings(dir);
      problem = saved.problem;
      opts = { ...options, retention: options.retention ?? saved.settings.retention, omitBodiesFor: options.omitBodiesFor ?? saved.settings.omitBodiesFor };
    }
    const store = new InvocationStore(dir, opts);
    if (problem) store.recovery.push(problem);
    store.release = tryOwn(dir);
    store.load();
    return store;
  }

  /** True when this process may rewrite the index and delete files (see owner-lock.ts). */
  get owner(): boolean {
    return this.release !== null;
  }

  private segPath(n: number): string {
    return join(this.dir, segmentName(n));
  }

  private get indexPath(): string {
    return join(this.dir, INDEX_FILE);
  }

  /**
   * Reads the folder into memory, repairing what a crash left (see store-open.ts), then applies retention.
   *
   * The index is read through the descriptor we then append to, and only what was read counts as read: another
   * process may append a row between our read and anything later (it does not wait for us). Taking the file's
   * size at that later moment skipped such a row for good; an owner that then saw the rest of that segment's
   * records deleted took the segment for emptied and deleted the record no one had read (issue 10's torture loss).
   */
  private load(): void {
    // Marks that only keep a number from being taken again, seen before we read the index: every row of their
    // segments was written before, so we read those rows and need the marks no longer (see `spentMarks`).
    const spent = this.owner ? spentMarks(this.dir) : [];
    const segments = listSegments(this.dir);
    const existed = this.openIndexForAppend();
    const index = readIndexFile(this.indexFd, existed, this.cols, segments.length > 0, this.recovery);
    this.indexSize = index.read;
    const sorted = this.cols.isTimeSorted();
    const found = indexUncoveredLines(this.dir, this.cols, segments, index.ends, {
      mayCut: (seg) => this.owner && !liveGuestSegment(this.dir, seg),
      recovery: this.recovery,
      segBytes: this.segBytes,
    });
    if (found && index.exists) this.recovery.push(`${found} record(s) missing from index.jsonl were indexed from the segments.`);
    // Only segments still there once read count (a guest may see the owner delete one meanwhile).
    this.liveCount = markLiveRows(this.cols, new Set(segments.filter((seg) => this.segBytes.has(seg))), index.tombstones, this.segBytes, this.segLive);
    this.cols.sortByTime();
    if (this.owner) this.tidyAsOwner(segments, index, sorted);
    for (const mark of spent) rmSync(join(this.dir, mark), { force: true });
    this.enforceRetention();
  }

  /** The owner's repairs: delete emptied segments, rewrite a damaged or bloated index, open the segment to append to. */
  private tidyAsOwner(segments: readonly number[], index: IndexFileScan, wasSorted: boolean): void {
    const c = this.cols;
    this.currentSeg = segments.length ? segments[segments.length - 1]! : 1;
    // Segments whose records were all deleted or expired (possibly by a guest, which deletes no files).
    for (const seg of segments) if (seg !== this.currentSeg && !this.segLive.get(seg)) this.dropSegment(seg);
    // Rewrite the index when it is missing, torn, out of time order, or mostly dead weight; else append to it.
    const deadRows = c.count - this.liveCount;
    if (!index.exists || index.badLines || this.recovery.length || !wasSorted || deadRows + index.tombstones.size > Math.max(1000, this.liveCount)) this.rewriteIndex();
    if (existsSync(join(this.dir, guestMarkName(this.currentSeg)))) this.roll();
    else {
      const created = !existsSync(this.segPath(this.currentSeg));
      this.segFd = openSync(this.segPath(this.currentSeg), 'a+', PRIVATE_FILE_MODE);
      if (created) syncFolder(this.dir);
      // Only as far as we read it: a guest that closed since (its mark gone) may have appended lines we have not
      // indexed yet, so this segment must not look emptied (see `dropSegment`); our appends go at the file's end.
      if (!this.segBytes.has(this.currentSeg)) this.segBytes.set(this.currentSeg, fstatSync(this.segFd).size);
    }
  }

  /**
   * Opens (creating) index.jsonl to append to and read from, nothing of it read yet; returns whether it was there.
   * The caller sets how far it has read (`indexSize`).
   */
  private openIndexForAppend(): boolean {
    const existed = existsSync(this.indexPath);
    ({ fd: this.indexFd, refusal: this.refusal } = openIndex(this.indexPath));
    if (!existed && this.indexFd >= 0) syncFolder(this.dir);
    this.indexSize = 0;
    this.indexIno = this.indexFd >= 0 ? fstatSync(this.indexFd).ino : 0;
    return existed;
  }

  /** Runs a change; see `changing` in folder-access.ts. */
  private writing<T>(what: string, change: () => T): T {
    return changing(this.dir, this.refusal, what, change);
  }

  /** Writes index.jsonl afresh from the live rows: compaction and repair in one (see `writeIndexFile`). */
  private rewriteIndex(): void {
    const running = this.indexFd >= 0;
    if (running) this.refresh();
    const written = writeIndexFile(this.dir, INDEX_FILE, this.cols, this.segBytes);
    if (!running) return;
    // A guest may have appended to the old file after our refresh and before the rename: carry those lines over
    // (a guest that writes to the old file after this sees the new one and writes again; see `writeLines`).
    const oldFd = this.indexFd;
    const late = readTail(oldFd, this.indexSize);
    closeSync(oldFd);
    this.openIndexForAppend();
    // What we wrote is read; a guest that saw the new file may already have appended to it since the rename (a
    // record it acknowledged after our clear): the next refresh reads those lines, they are not skipped.
    this.indexSize = written;
    // Whole lines only (a torn one, its writer killed, would be an unreadable line in the fresh file).
    const lines = late.toString('utf8').split('\n').slice(0, -1).filter(parses);
    if (!lines.length) return;
    this.appendIndex(lines.join('\n') + '\n');
    for (const line of lines) this.applyIndexLine(line);
  }

  /** Catches up with index lines another process appended since we last looked, or reloads after a rewrite. */
  private refresh(): void {
    if (this.closed || this.indexFd < 0) return; // closed, or a read-only folder without an index
    if (!this.owner && this.indexReplaced()) {
      this.reload();
      return;
    }
    const size = fstatSync(this.indexFd).size;
    if (size <= this.indexSize) return;
    // Through our descriptor: the file we have read so far, even if the owner renamed a new one into place since.
    const scan = scanLines(this.indexFd, this.indexSize, (line) => this.applyIndexLine(line.toString('utf8')));
    this.indexSize = scan.validEnd;
    this.settle();
  }

  /** Takes in one index line another process wrote: a record's row, or a tombstone. */
  private applyIndexLine(line: string): void {
    let v: IndexLine;
    try {
      v = JSON.parse(line) as IndexLine;
    } catch {
      return; // a torn line (its writer died or ran out of disk); the next line starts after it
    }
    if (Array.isArray(v)) {
      if (this.cols.byId.has(v[FIELD.id])) return; // ours, or already read
      const seg = v[FIELD.segment];
      // A row for a segment that is gone is dead, as it is on the next open: a guest appended it while our clear
      // was deleting that file (its append returned first, so the clear took it). Taken as live, it would be
      // listed but unreadable here, and copied into the index the clear writes.
      if (!this.segBytes.has(seg) && !existsSync(this.segPath(seg))) return;
      this.addRows([v]);
      this.segBytes.set(seg, Math.max(this.segBytes.get(seg) ?? 0, v[FIELD.offset] + v[FIELD.length]));
    } else if ('del' in v) this.kill(v.del, 'no');
  }

  /**
   * One write at the index's end (O_APPEND keeps another process's line whole), starting with a newline when the
   * file does not end with one (a torn line must not swallow this one), then fsynced. Our read position moves
   * past it only when nothing else landed in between; otherwise the next refresh reads both (skipping ours).
   */
  private appendIndex(text: string): void {
    const buf = Buffer.from(endsWithNewline(this.indexFd) ? text : `\n${text}`, 'utf8');
    const before = this.indexSize;
    writeAll(this.indexFd, buf);
    this.commit.wrote();
    if (fstatSync(this.indexFd).size === before + buf.length) this.indexSize = before + buf.length;
  }

  /** True when `index.jsonl` on disk is no longer the file we hold open (the owner compacted it). */
  private indexReplaced(): boolean {
    try {
      return statSync(this.indexPath).ino !== this.indexIno;
    } catch {
      return false;
    }
  }

  /** Drops everything in memory and reads the folder again, keeping our own segment to append to. */
  private reload(): void {
    if (this.indexFd >= 0) closeSync(this.indexFd);
    this.cols = new IndexColumns();
    this.segLive.clear();
    this.segBytes.clear();
    this.firstLive = this.liveCount = 0;
    this.recovery.length = 0;
    this.load();
    if (this.segFd >= 0) this.segBytes.set(this.currentSeg, fstatSync(this.segFd).size);
  }

  /**
   * Puts every append so far on disk: the segment first, then the index (so after a power cut the index does not
   * point past what the segment kept). Cheap when nothing is pending.
   */
  sync(): void {
    this.writing('the history on disk', () => this.commit.now());
  }

  /** Appends one record; see {@link appendMany}. */
  append(record: InvocationRecord): void {
    this.appendMany([record]);
  }

  /**
   * Appends records with one write per file: cost grows with the batch, never with the history's size. They are
   * fsynced within `GROUP_COMMIT_MS` (group-commit.ts), or by `sync()`. Records of webhooks in `omitBodiesFor` are stored without bodies and
   * flagged. A folder that cannot be written fails with the typed `storage-unwritable` error, the history unchanged.
   */
  appendMany(records: readonly InvocationRecord[]): void {
    this.writing(records.length === 1 ? 'this invocation in the history' : `${records.length} invocations in the history`, () => this.appendUnguarded(records));
  }

  private appendUnguarded(records: readonly InvocationRecord[]): void {
    // Catch up first: for a guest, our index fd must be the file on disk, or these lines would land in a
    // replaced, unlinked file; for anyone, lines another process appended must be read before we skip past ours.
    this.refresh();
    const pending = records.map((original): PendingLine => {
      const rec = this.omitBodiesFor.has(original.webhookId) ? stripBodies(original) : original;
      return { line: Buffer.from(encodeRecord(rec) + '\n', 'utf8'), tuple: (seg, offset, length) => tupleOf(rec, seg, offset, length) };
    });
    this.addRows(this.writeLines(pending));
    this.enforceRetention();
  }

  /** True when our segment file was deleted under us (an owner dropped it when its records looked dead). */
  private segmentGone(): boolean {
    return this.segFd >= 0 && fstatSync(this.segFd).nlink === 0;
  }

  /**
   * Writes lines to the current segment (rolling over at the size limit), then their index rows; returns the
   * rows. A guest checks afterwards that its segment still exists and that the index it wrote to is still the
   * one on disk: an owner clearing the history may have deleted the one or replaced the other meanwhile, and
   * then the same lines are written again, to a new segment and the new index (later rows shadow the first).
   */
  private writeLines(pending: readonly PendingLine[]): IndexTuple[] {
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) this.refresh(); // reloads when the index was replaced
      if (this.segmentGone()) {
        closeSync(this.segFd);
        this.segFd = -1;
      }
      if (this.segFd < 0) this.roll();
      const rows = this.writeOnce(pending);
      if (this.owner || attempt === 3 || (!this.segmentGone() && !this.indexReplaced())) return rows;
    }
  }

  private writeOnce(pending: readonly PendingLine[]): IndexTuple[] {
    let chunks: Buffer[] = [];
    let segSize = fstatSync(this.segFd).size;
    // A torn line at our segment's end (a write that failed half way) must not run into our first record.
    if (!endsWithNewline(this.segFd)) {
      chunks.push(NEWLINE);
      segSize++;
    }
    const flush = () => {
      if (chunks.length) writeAll(this.segFd, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
      this.segBytes.set(this.currentSeg, segSize);
      chunks = [];
    };
    const limit = this.segmentLimit();
    const rows: IndexTuple[] = [];
    let indexText = '';
    for (const { line, tuple } of pending) {
      if (segSize > 0 && segSize + line.length > limit) {
        flush();
        segSize = this.roll();
      }
      const t = tuple(this.currentSeg, segSize, line.length);
      chunks.push(line);
      segSize += line.length;
      rows.push(t);
      indexText += JSON.stringify(t) + '\n';
    }
    // Segment first, index second: a crash in between leaves lines the next open() indexes.
    flush();
    this.appendIndex(indexText);
    return rows;
  }

  /** How big a segment grows before the next starts. */
  private segmentLimit(): number {
    return this.fixedSegmentBytes ?? segmentBytesFor(this.retention.maxTotalBytes);
  }

  /** Adds rows to memory in time order; a row replacing a live one of the same id kills that one. */
  private addRows(rows: readonly IndexTuple[]): void {
    const c = this.cols;
    const many = rows.length > SORT_BATCH;
    for (const t of rows) {
      const prev = c.byId.get(t[FIELD.id]);
      if (prev !== undefined && c.isLive(prev)) this.markDead(prev);
      const r = many ? c.add(t) : c.insertByTime(t);
      this.liveCount++;
      this.segLive.set(t[FIELD.segment], (this.segLive.get(t[FIELD.segment]) ?? 0) + 1);
      if (r < this.firstLive) this.firstLive = r;
    }
    if (many && !c.isTimeSorted()) {
      c.sortByTime();
      this.firstLive = 0;
    }
  }

  /** Starts a new segment this process alone writes: created exclusively, past every existing number. */
  private roll(): number {
    if (this.segFd >= 0) {
      fileLayer.fullSync(this.segFd);
      closeSync(this.segFd);
    }
    const next = createSegment(this.dir, Math.max(this.currentSeg, ...listSegments(this.dir)) + 1, !this.owner);
    this.segFd = next.fd;
    this.currentSeg = next.n;
    this.segBytes.set(next.n, 0);
    return 0;
  }

  private markDead(r: number): void {
    const c = this.cols;
    if (!c.isLive(r)) return;
    c.flags[r]! |= DEAD;
    this.liveCount--;
    const seg = c.segment[r]!;
    const left = (this.segLive.get(seg) ?? 1) - 1;
    this.segLive.set(seg, left);
    // The segment we append to is replaced by `settle`, once the change is complete.
    if (left === 0 && seg !== this.currentSeg) this.dropSegment(seg);
  }

  /**
   * Forgets a segment and, as owner, deletes its file. A guest deletes no files (the owner may be writing that
   * one). Nor does the owner delete a running guest's segment, except to clear the history (`force`): the guest
   * may be appending a record there that we have not read yet (it would be acknowledged, then gone). A guest
   * deletes its own emptied segment when it closes; otherwise the owner's next open does.
   */
  private dropSegment(seg: number, force = false): void {
    if (this.owner && (force || (!liveGuestSegment(this.dir, seg) && !this.unreadLines(seg)))) {
      rmSync(this.segPath(seg), { force: true });
      rmSync(join(this.dir, guestMarkName(seg)), { force: true });
    }
    this.segLive.delete(seg);
    this.segBytes.delete(seg);
  }

  /**
   * True when a segment holds bytes past what we have read of it: a guest appended there and closed (its mark
   * gone) before we read the index rows of those records. Its records are not dead; the next open indexes them.
   */
  private unreadLines(seg: number): boolean {
    try {
      return statSync(this.segPath(seg)).size > (this.segBytes.get(seg) ?? 0);
    } catch {
      return false; // already gone
    }
  }

  /** As owner, replaces the segment we append to once none of its records is live, so cleared bodies leave the disk. */
  private settle(): void {
    if (!this.owner || this.closed || this.segFd < 0) return;
    if ((this.segLive.get(this.currentSeg) ?? 0) > 0 || !this.segBytes.get(this.currentSeg)) return;
    const old = this.currentSeg;
    this.roll();
    this.dropSegment(old);
  }

  /**
   * Marks ids dead, after writing one tombstone line for them unless `persist` is `no`. With `if-possible`
   * (retention), a folder that refuses the write still drops them in memory: a later, writable open drops them
   * on disk. Returns how many were live.
   */
  private kill(ids: readonly string[], persist: 'yes' | 'no' | 'if-possible' = 'yes'): number {
    const c = this.cols;
    const live = [...new Set(ids)].filter((id) => {
      const r = c.byId.get(id);
      return r !== undefined && c.isLive(r);
    });
    if (persist !== 'no' && live.length) {
      try {
        this.appendIndex(JSON.stringify({ del: live }) + '\n');
      } catch (e) {
        if (persist === 'yes' || !fsErrorCode(e)) throw e;
      }
    }
    for (const id of live) {
      this.markDead(c.byId.get(id)!);
      c.byId.delete(id);
    }
    return live.length;
  }

  /**
   * Drops the oldest invocations while any limit is exceeded: count and age row by row (amortized O(1) per
   * append: it walks forward from the oldest live row and stops at the first one it keeps), total size by
   * segments (see {@link enforceSizeCap}). Returns how many went.
   */
  enforceRetention(): number {
    const c = this.cols;
    const { maxRecords, maxAgeDays, maxTotalBytes } = this.retention;
    const cutoff = maxAgeDays === null ? -Infinity : this.now() - maxAgeDays * DAY;
    const doomed: string[] = [];
    while (this.firstLive < c.count) {
      const r = this.firstLive;
      if (!c.isLive(r)) {
        this.firstLive++;
        continue;
      }
      const overCount = maxRecords !== null && this.liveCount - doomed.length > maxRecords;
      if (!overCount && c.time[r]! >= cutoff) break;
      doomed.push(c.ids[r]!);
      this.firstLive++;
    }
    let n = this.kill(doomed, 'if-possible');
    // Only the owner gives disk back; a guest's segments obey the cap when the owner next looks.
    if (maxTotalBytes !== null && this.owner && this.refusal === null) n += this.enforceSizeCap(maxTotalBytes);
    this.settle();
    return n;
  }

  /**
   * Keeps the segment files under `cap` bytes, dropping the oldest records first and keeping the newest that fit:
   * the segment holding the oldest live record is deleted, and when that would leave more than a segment's worth
   * of the cap unused (the cap was just lowered), its newest records that fit are first copied to the segment we
   * append to. A cap lowered below what one segment holds thus keeps the newest records up to the cap (not zero).
   * Returns how many records went.
   */
  private enforceSizeCap(cap: number): number {
    const c = this.cols;
    let n = 0;
    while (this.diskBytes() > cap) {
      const seg = this.oldestSegment();
      if (seg === undefined) break;
      if (seg === this.currentSeg) this.roll();
      const budget = cap - (this.diskBytes() - (this.segBytes.get(seg) ?? 0));
      // Dropping the whole segment leaves at most one segment's worth of room unused: fine, and cheap (this is the
      // steady state, once per segment). Only when it would leave more (the cap was lowered) are records copied.
      const { keep, drop } = splitSegment(c, this.firstLive, seg, budget <= this.segmentLimit() ? 0 : budget);
      const dropIds = drop.map((r) => c.ids[r]!);
      const copies: PendingLine[] = [];
      for (const r of keep) {
        const line = readRangeSync(this.segPath(seg), c.offset[r]!, c.length[r]!);
        const t = c.tuple(r);
        if (line) copies.push({ line, tuple: (segment, offset, length) => [...t.slice(0, FIELD.segment), segment, offset, length, ...t.slice(FIELD.flags)] as IndexTuple });
      }
      if (copies.length) this.addRows(this.writeLines(copies));
      // The rest go with the file (no tombstones needed: rows in a missing segment are dead on the next open).
      for (const id of dropIds) {
        const at = c.byId.get(id);
        if (at !== undefined && c.isLive(at) && c.segment[at] === seg) {
          this.markDead(at);
          c.byId.delete(id);
          n++;
        }
      }
      this.dropSegment(seg, true);
    }
    return n;
  }

  /** The segment holding the oldest live record; else any segment left with only dead lines. */
  private oldestSegment(): number | undefined {
    const c = this.cols;
    for (let r = this.firstLive; r < c.count; r++) if (c.isLive(r)) return c.segment[r]!;
    for (const [seg, bytes] of this.segBytes) if (bytes > 0) return seg;
    return undefined;
  }

  /** How many of the kept invocations would go under `policy` (the Settings dialog says so before saving). */
  wouldRemove(policy: RetentionPolicy): number {
    this.refresh();
    return countRemoved(this.cols, this.liveCount, policy, this.now());
  }

  /** Bytes of all segment files. */
  diskBytes(): number {
    let total = 0;
    for (const b of this.segBytes.values()) total += b;
    return total;
  }

  /** How many invocations are kept. */
  get size(): number {
    this.refresh();
    return this.liveCount;
  }

  /** One full record, read from its segment by offset; `undefined` when unknown or dropped. */
  async get(id: string): Promise<InvocationRecord | undefined> {
    this.refresh();
    const c = this.cols;
    const r = c.byId.get(id);
    if (r === undefined || !c.isLive(r)) return undefined;
    const bytes = await readRange(this.segPath(c.segment[r]!), c.offset[r]!, c.length[r]!);
    if (!bytes) return undefined;
    try {
      return decodeRecord(bytes);
    } catch {
      return undefined;
    }
  }

  /** A page of summaries matching the query, and how many match in all; a text search stops when `signal` aborts. */
  async query(q: HistoryQuery = {}, signal?: AbortSignal): Promise<HistoryPage> {
    this.refresh();
    return queryIndex(this.cols, q, (seg) => this.segPath(seg), signal);
  }

  /** Success rate and latency percentiles per time bucket for one webhook. */
  stats(webhookId: string, since?: number, bucketMs?: number): WebhookStats {
    this.refresh();
    return statsFor(this.cols, webhookId, since, bucketMs);
  }

  /** Removes invocations by id; returns how many existed. */
  remove(ids: readonly string[]): number {
    this.refresh();
    return this.writing('the deletion from the history', () => {
      const n = this.kill(ids);
      this.settle();
      return n;
    });
  }

  /**
   * Deletes every invocation. The owner also deletes every segment file, other processes' included (a cleared
   * history must not linger on disk; a guest whose file went writes to a new one), and starts a fresh segment;
   * a guest writes tombstones, and the owner deletes the files as soon as it reads them.
   */
  clear(): void {
    this.refresh();
    this.writing('the cleared history', () => this.clearUnguarded());
  }

  private clearUnguarded(): void {
    const c = this.cols;
    const live: string[] = [];
    for (let r = 0; r < c.count; r++) if (c.isLive(r)) live.push(c.ids[r]!);
    this.kill(live);
    if (!this.owner) return;
    const old = new Set([...this.segBytes.keys(), ...listSegments(this.dir)]);
    this.roll();
    for (const seg of old) if (seg !== this.currentSeg) this.dropSegment(seg, true);
    this.rewriteIndex();
  }

  /** Fsyncs and closes the files. */
  close(): void {
    this.commit.cancel();
    if (this.segFd >= 0) {
      fileLayer.fullSync(this.segFd);
      // A guest that is done leaves its segment to the owner (to append to, or to delete once emptied), or deletes
      // it itself when none of its records is left (retention or deletions took them): no one else writes there.
      // Its number stays taken until the owner's next open (see `retireGuestSegment`).
      if (!this.owner) {
        if (!this.segLive.get(this.currentSeg)) retireGuestSegment(this.dir, this.currentSeg, this.segFd);
        else rmSync(join(this.dir, guestMarkName(this.currentSeg)), { force: true });
      }
      closeSync(this.segFd);
    }
    if (this.indexFd >= 0) {
      fileLayer.fullSync(this.indexFd);
      closeSync(this.indexFd);
    }
    this.segFd = this.indexFd = -1;
    this.closed = true;
    this.release?.();
    this.release = null;
  }
}
