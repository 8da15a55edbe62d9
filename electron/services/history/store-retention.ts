/**
 * The invocation store's retention (see docs/history.md, "Retention"): count and age record by record, the
 * size cap by whole segments (keeping the newest records that fit when the cap was lowered), and how many a
 * policy would remove before it is saved.
 */
import { FIELD, type IndexTuple } from './index-columns';
import { readRangeSync } from './line-files';
import { liveGuestSegment } from './segment-names';
import { countRemoved, splitSegment } from './store-open';
import type { RetentionPolicy } from '../../../shared/history/types';
import { StoreWrites, type PendingLine } from './store-writes';

const DAY = 86_400_000;

/** Retention, on top of the append path. */
export abstract class StoreRetention extends StoreWrites {
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
  protected enforceSizeCap(cap: number): number {
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
      if (copies.length) {
        this.addRows(this.writeLines(copies));
        // The copies are the only ones left once the file below is deleted: on disk before it goes, not within the
        // group commit's 50 ms, or a power cut in between loses acknowledged records the cap meant to keep.
        this.commit.now();
      }
      const doomed = dropIds.filter((id) => {
        const at = c.byId.get(id);
        return at !== undefined && c.isLive(at) && c.segment[at] === seg;
      });
      // A running guest may be appending to this file, or one appended what we have not read yet (newer records,
      // maybe acknowledged a moment ago): the file stays (the guest deletes it when it closes emptied, or our next
      // open does), so what we drop needs tombstones, and we stop counting its bytes (`dropSegment` forgets it).
      const inUse = liveGuestSegment(this.dir, seg) || this.unreadLines(seg);
      if (inUse) n += this.kill(doomed, 'if-possible');
      else {
        // The rest go with the file (no tombstones needed: rows in a missing segment are dead on the next open).
        for (const id of doomed) {
          this.markDead(c.byId.get(id)!);
          c.byId.delete(id);
          n++;
        }
      }
      this.dropSegment(seg, !inUse);
    }
    return n;
  }

  /** The segment holding the oldest live record; else any segment left with only dead lines. */
  protected oldestSegment(): number | undefined {
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
}
