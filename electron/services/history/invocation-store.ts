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
 * Crash safety: the segment line is written (and fsynced) before its index line. On open, a torn last line (the
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
 * index under it (see `refresh` in store-index-sync.ts).
 */
import { closeSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { InvocationRecord } from '../../../shared/delivery/invocation';
import type { HistoryPage, HistoryQuery, WebhookStats } from '../../../shared/history/types';
import { fileLayer, readRange } from './line-files';
import { guestMarkName, retireGuestSegment } from './segment-names';
import { tryOwn } from './owner-lock';
import { ensureFolder, listSegments } from './folder-access';
import { queryIndex, statsFor } from './store-query';
import { decodeRecord } from './record-codec';
import { loadHistorySettings } from './settings-file';
import type { StoreOptions } from './store-segments';
import { StoreRetention } from './store-retention';

export type { StoreOptions } from './store-segments';

/**
 * The invocation history of one folder: opened with {@link InvocationStore.open}, read by id, page, filter and
 * text, changed by append, remove and clear. Its layers, bottom up: store-segments.ts (memory and segment
 * bookkeeping), store-index-sync.ts (index.jsonl shared between processes), store-writes.ts (appending),
 * store-retention.ts (retention).
 */
export class InvocationStore extends StoreRetention {
  private constructor(dir: string, options: StoreOptions) {
    super(dir, options);
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
