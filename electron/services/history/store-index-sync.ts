/**
 * The invocation store's index.jsonl as several processes share it (see invocation-store.ts and owner-lock.ts):
 * reading the folder on open and the owner's repairs, catching up with lines another process appended (or
 * reloading after the owner replaced the file), rewriting it, and appending index lines and tombstones.
 */
import { closeSync, existsSync, fstatSync, openSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FIELD, IndexColumns } from './index-columns';
import { endsWithNewline, fileLayer, readTail, scanLines, writeAll } from './line-files';
import { guestMarkName, liveGuestSegment, spentMarks, type IndexLine } from './segment-names';
import { fsErrorCode } from '../storage/write-errors';
import { changing, listSegments, openIndex, syncFolder } from './folder-access';
import { PRIVATE_FILE_MODE } from '../storage/private-files';
import { indexUncoveredLines, markLiveRows, readIndexFile, writeIndexFile, type IndexFileScan } from './store-open';
import { GroupCommit } from './group-commit';
import { StoreSegments } from './store-segments';

const INDEX_FILE = 'index.jsonl';

/** Whether a line is JSON (an index line, not a torn one). */
function parses(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

/** The index file, its reading and writing, on top of the segment bookkeeping. */
export abstract class StoreIndexSync extends StoreSegments {
  protected indexFd = -1;
  protected indexSize = 0;
  /** Fsyncs the segment, then the index, at most GROUP_COMMIT_MS after an append (see group-commit.ts). */
  protected readonly commit = new GroupCommit(() => {
    if (this.segFd >= 0) fileLayer.sync(this.segFd);
    if (this.indexFd >= 0) fileLayer.sync(this.indexFd);
  });
  /** The index file's inode when opened: a different one on disk means the owner rewrote it. */
  protected indexIno = 0;
  /** Why the index could not be opened for appending (a read-only folder): changes fail with it, reads work. */
  protected refusal: unknown = null;

  /** Drops the oldest invocations while a limit is exceeded (store-retention.ts); the last step of opening. */
  abstract enforceRetention(): number;

  protected get indexPath(): string {
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
  protected load(): void {
    // Marks below the highest number keep no number from being taken: tidied once the folder is read.
    const spent = this.owner ? spentMarks(this.dir) : [];
    const existed = this.openIndexForAppend();
    const index = readIndexFile(this.indexFd, existed, this.cols, this.recovery);
    this.indexSize = index.read;
    // Listed after the index is read: a row we read names a segment created before it, so listed here unless
    // deleted since. Listed before, a guest's segment created in between had rows but no file, and its records
    // were taken as dead (and left out of an index rewritten now: lost).
    const segments = listSegments(this.dir);
    if (!index.exists && segments.length) this.recovery.push('index.jsonl was missing; it was rebuilt from the segments.');
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
  protected tidyAsOwner(segments: readonly number[], index: IndexFileScan, wasSorted: boolean): void {
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
  protected openIndexForAppend(): boolean {
    const existed = existsSync(this.indexPath);
    ({ fd: this.indexFd, refusal: this.refusal } = openIndex(this.indexPath));
    if (!existed && this.indexFd >= 0) syncFolder(this.dir);
    this.indexSize = 0;
    this.indexIno = this.indexFd >= 0 ? fstatSync(this.indexFd).ino : 0;
    return existed;
  }

  /** Runs a change; see `changing` in folder-access.ts. */
  protected writing<T>(what: string, change: () => T): T {
    return changing(this.dir, this.refusal, what, change);
  }

  /** Writes index.jsonl afresh from the live rows: compaction and repair in one (see `writeIndexFile`). */
  protected rewriteIndex(): void {
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
  protected refresh(): void {
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
  protected applyIndexLine(line: string): void {
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
  protected appendIndex(text: string): void {
    const buf = Buffer.from(endsWithNewline(this.indexFd) ? text : `\n${text}`, 'utf8');
    const before = this.indexSize;
    writeAll(this.indexFd, buf);
    this.commit.wrote();
    if (fstatSync(this.indexFd).size === before + buf.length) this.indexSize = before + buf.length;
  }

  /** True when `index.jsonl` on disk is no longer the file we hold open (the owner compacted it). */
  protected indexReplaced(): boolean {
    try {
      return statSync(this.indexPath).ino !== this.indexIno;
    } catch {
      return false;
    }
  }

  /** Drops everything in memory and reads the folder again, keeping our own segment to append to. */
  protected reload(): void {
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
   * Marks ids dead, after writing one tombstone line for them unless `persist` is `no`. With `if-possible`
   * (retention), a folder that refuses the write still drops them in memory: a later, writable open drops them
   * on disk. Returns how many were live.
   */
  protected kill(ids: readonly string[], persist: 'yes' | 'no' | 'if-possible' = 'yes'): number {
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
}
