/**
 * The bottom layer of the invocation store (see invocation-store.ts for the whole design): what is in memory
 * (the index columns, live rows and bytes per segment, where retention resumes) and the segments on disk as
 * this process sees them: starting a new one, counting rows dead, and deleting a segment once emptied, with
 * the rules that keep an owner from deleting what another process may still be writing.
 */
import { closeSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_RETENTION, type RetentionPolicy } from '../../../shared/history/types';
import { DEAD, FIELD, IndexColumns, type IndexTuple } from './index-columns';
import { fileLayer } from './line-files';
import { createSegment, highestNumber, liveGuestSegment, removeSegment, segmentBytesFor, segmentName } from './segment-names';

/** Past this many rows in one append, add them all and sort once instead of inserting each in time order. */
const SORT_BATCH = 32;

/** How a history folder is opened; see `InvocationStore.open`. */
export interface StoreOptions {
  /** Limits to enforce; absent, the folder's saved settings (settings.json) apply from the first moment. */
  retention?: Partial<RetentionPolicy>;
  /** Webhook ids whose records are stored without bodies; absent, the folder's saved settings. */
  omitBodiesFor?: Iterable<string>;
  maxSegmentBytes?: number;
  now?: () => number;
}

/** Memory and segment bookkeeping shared by every layer of the store. */
export abstract class StoreSegments {
  cols = new IndexColumns();
  /** What open() found and fixed, in words (torn lines, rebuilt index), for `app.info` notices and tests. */
  readonly recovery: string[] = [];
  retention: RetentionPolicy;
  omitBodiesFor: Set<string>;
  protected segFd = -1;
  protected currentSeg = 1;
  /** Live rows and file size per segment, so a segment whose rows all died is deleted. */
  protected readonly segLive = new Map<number, number>();
  protected readonly segBytes = new Map<number, number>();
  /** No live row sits before this one (rows are in time order): where count and age retention resume. */
  protected firstLive = 0;
  protected liveCount = 0;
  /** A fixed segment size (tests); otherwise {@link segmentBytesFor} derives it from the size cap. */
  protected readonly fixedSegmentBytes: number | undefined;
  protected readonly now: () => number;
  /** Releases `.lock` when this process owns the folder; `null` for a guest (see owner-lock.ts). */
  protected release: (() => void) | null = null;
  protected closed = false;

  protected constructor(
    readonly dir: string,
    options: StoreOptions,
  ) {
    this.retention = { ...DEFAULT_RETENTION, ...options.retention };
    this.omitBodiesFor = new Set(options.omitBodiesFor ?? []);
    this.fixedSegmentBytes = options.maxSegmentBytes;
    this.now = options.now ?? Date.now;
  }

  /** True when this process may rewrite the index and delete files (see owner-lock.ts). */
  get owner(): boolean {
    return this.release !== null;
  }

  protected segPath(n: number): string {
    return join(this.dir, segmentName(n));
  }

  /** How big a segment grows before the next starts. */
  protected segmentLimit(): number {
    return this.fixedSegmentBytes ?? segmentBytesFor(this.retention.maxTotalBytes);
  }

  /** Adds rows to memory in time order; a row replacing a live one of the same id kills that one. */
  protected addRows(rows: readonly IndexTuple[]): void {
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

  /** Starts a new segment this process alone writes: created exclusively, past every number ever taken. */
  protected roll(): number {
    if (this.segFd >= 0) {
      fileLayer.fullSync(this.segFd);
      closeSync(this.segFd);
    }
    const next = createSegment(this.dir, Math.max(this.currentSeg, highestNumber(this.dir)) + 1, !this.owner);
    this.segFd = next.fd;
    this.currentSeg = next.n;
    this.segBytes.set(next.n, 0);
    return 0;
  }

  protected markDead(r: number): void {
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
  protected dropSegment(seg: number, force = false): void {
    if (this.owner && (force || (!liveGuestSegment(this.dir, seg) && !this.unreadLines(seg)))) {
      removeSegment(this.dir, seg);
    }
    this.segLive.delete(seg);
    this.segBytes.delete(seg);
  }

  /**
   * True when a segment holds bytes past what we have read of it: a guest appended there and closed (its mark
   * gone) before we read the index rows of those records. Its records are not dead; the next open indexes them.
   */
  protected unreadLines(seg: number): boolean {
    try {
      return statSync(this.segPath(seg)).size > (this.segBytes.get(seg) ?? 0);
    } catch {
      return false; // already gone
    }
  }

  /** As owner, replaces the segment we append to once none of its records is live, so cleared bodies leave the disk. */
  protected settle(): void {
    if (!this.owner || this.closed || this.segFd < 0) return;
    if ((this.segLive.get(this.currentSeg) ?? 0) > 0 || !this.segBytes.get(this.currentSeg)) return;
    const old = this.currentSeg;
    this.roll();
    this.dropSegment(old);
  }

  /** Bytes of all segment files. */
  diskBytes(): number {
    let total = 0;
    for (const b of this.segBytes.values()) total += b;
    return total;
  }
}
