/**
 * The invocation store's append path (see invocation-store.ts): records encoded to lines, written to the
 * current segment (rolling over at the size limit), then their index rows, segment first; a guest writes
 * again when an owner's clear deleted its segment or replaced the index meanwhile; and `sync()`, the
 * durability promise.
 */
import { closeSync, fstatSync } from 'node:fs';
import type { InvocationRecord } from '../../../shared/delivery/invocation';
import { stripBodies } from '../../../shared/history/summary';
import { tupleOf, type IndexTuple } from './index-columns';
import { endsWithNewline, writeAll } from './line-files';
import { encodeRecord } from './record-codec';
import { StoreIndexSync } from './store-index-sync';

const NEWLINE = Buffer.from('\n');

/** One line to write to the current segment, and its index row once its place is known. */
export interface PendingLine {
  line: Buffer;
  tuple: (segment: number, offset: number, length: number) => IndexTuple;
}

/** Appending, on top of the index and segment layers. */
export abstract class StoreWrites extends StoreIndexSync {
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

  protected appendUnguarded(records: readonly InvocationRecord[]): void {
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
  protected segmentGone(): boolean {
    return this.segFd >= 0 && fstatSync(this.segFd).nlink === 0;
  }

  /**
   * Writes lines to the current segment (rolling over at the size limit), then their index rows; returns the
   * rows. A guest checks afterwards that its segment still exists and that the index it wrote to is still the
   * one on disk: an owner clearing the history may have deleted the one or replaced the other meanwhile, and
   * then the same lines are written again, to a new segment and the new index (later rows shadow the first).
   */
  protected writeLines(pending: readonly PendingLine[]): IndexTuple[] {
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

  protected writeOnce(pending: readonly PendingLine[]): IndexTuple[] {
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
}
