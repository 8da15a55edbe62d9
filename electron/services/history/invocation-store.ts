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
 * Crash safety: the segment line is written before its index line. On open, a torn last line (the process
 * died mid-append) is truncated away, and segment lines the index does not know yet are indexed, so a kill
 * loses at most the record being written. fsync policy: no fsync per append (it would cost 1–10 ms and
 * dominate the append); a killed process loses nothing already written (the page cache belongs to the OS),
 * and an OS crash or power cut may lose the last seconds, which open() recovers from the same way. Segments
 * are fsynced when they roll over and when the store closes.
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
import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { InvocationRecord } from '../../../shared/delivery/invocation';
import { DEFAULT_RETENTION, type HistoryPage, type HistoryQuery, type RetentionPolicy, type WebhookStats } from '../../../shared/history/types';
import { stripBodies } from '../../../shared/history/summary';
import { DEAD, IndexColumns, tupleOf, type IndexTuple } from './index-columns';
import { readRange, scanLines, writeAll } from './line-files';
import { createSegment, guestMarkName, liveGuestSegment, segmentBytesFor, segmentName, type IndexLine } from './segment-names';
import { tryOwn } from './owner-lock';
import { fsErrorCode } from '../storage/write-errors';
import { changing, ensureFolder, listSegments, openIndex } from './folder-access';
import { queryIndex, statsFor } from './store-query';
import { PRIVATE_FILE_MODE } from '../storage/private-files';

const INDEX_FILE = 'index.jsonl';
const DAY = 86_400_000;

export interface StoreOptions {
  retention?: Partial<RetentionPolicy>;
  /** Webhook ids whose records are stored without bodies. */
  omitBodiesFor?: Iterable<string>;
  maxSegmentBytes?: number;
  now?: () => number;
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
  private firstLive = 0;
  private liveCount = 0;
  /** A fixed segment size (tests); otherwise {@link segmentBytesFor} derives it from the size cap. */
  private readonly fixedSegmentBytes: number | undefined;
  private readonly now: () => number;
  /** Releases `.lock` when this process owns the folder; `null` for a guest (see owner-lock.ts). */
  private release: (() => void) | null = null;
  /** The index file's inode when opened: a different one on disk means the owner rewrote it. */
  private indexIno = 0;
  /** Why the index could not be opened for appending (a read-only folder): changes fail with it, reads work. */
  private refusal: unknown = null;
  private closed = false;

  private constructor(readonly dir: string, options: StoreOptions) {
    this.retention = { ...DEFAULT_RETENTION, ...options.retention };
    this.omitBodiesFor = new Set(options.omitBodiesFor ?? []);
    this.fixedSegmentBytes = options.maxSegmentBytes;
    this.now = options.now ?? Date.now;
  }

  /** Opens (creating) a history folder, recovering from a torn tail or a missing index. Never fails on bad lines. */
  static open(dir: string, options: StoreOptions = {}): InvocationStore {
    ensureFolder(dir);
    const store = new InvocationStore(dir, options);
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

  private load(): void {
    const indexPath = join(this.dir, INDEX_FILE);
    const segments = listSegments(this.dir);
    const present = new Set(segments);
    const tombstones = new Set<string>();
    // How far the index reaches into each segment; anything after that is indexed now (the process died
    // between the segment write and the index write) and a torn tail is cut off.
    const indexedEnd = new Map<number, number>();
    let badIndexLines = 0;
    if (existsSync(indexPath)) {
      const scan = scanLines(indexPath, 0, (line) => {
        try {
          const v = JSON.parse(line.toString('utf8')) as IndexLine;
          if (Array.isArray(v)) this.cols.add(v);
          else if ('del' in v) for (const id of v.del) tombstones.add(id);
          else for (const [seg, end] of Object.entries(v.ends)) indexedEnd.set(Number(seg), end);
        } catch {
          badIndexLines++;
        }
      });
      if (scan.validEnd < scan.size) this.recovery.push(`index.jsonl ended in a torn line (${scan.size - scan.validEnd} bytes); it was cut off.`);
      if (badIndexLines) this.recovery.push(`${badIndexLines} unreadable index line(s) were skipped.`);
    } else if (segments.length) this.recovery.push('index.jsonl was missing; it was rebuilt from the segments.');

    const c = this.cols;
    for (let r = 0; r < c.count; r++) {
      const end = c.offset[r]! + c.length[r]!;
      if (end > (indexedEnd.get(c.segment[r]!) ?? 0)) indexedEnd.set(c.segment[r]!, end);
    }
    const added: IndexTuple[] = [];
    for (const seg of segments) {
      const path = this.segPath(seg);
      const from = Math.min(indexedEnd.get(seg) ?? 0, statSync(path).size);
      let bad = 0;
      const scan = scanLines(path, from, (line, offset) => {
        try {
          const t = tupleOf(JSON.parse(line.toString('utf8')) as InvocationRecord, seg, offset, line.length);
          added.push(t);
          c.add(t);
        } catch {
          bad++;
        }
      });
      if (bad) this.recovery.push(`${segmentName(seg)}: ${bad} unreadable line(s) were skipped.`);
      // A torn tail is cut only by the owner, and only in a segment no live guest writes: otherwise it may be a
      // line the other process is writing right now.
      if (scan.validEnd < scan.size && this.owner && !liveGuestSegment(this.dir, seg)) {
        const fd = openSync(path, 'r+');
        ftruncateSync(fd, scan.validEnd);
        closeSync(fd);
        this.recovery.push(`${segmentName(seg)} ended in a torn line (${scan.size - scan.validEnd} bytes, a write cut short); it was cut off.`);
      }
      this.segBytes.set(seg, scan.validEnd);
    }
    if (added.length && existsSync(indexPath)) this.recovery.push(`${added.length} record(s) missing from index.jsonl were indexed from the segments.`);

    for (let r = 0; r < c.count; r++) {
      const seg = c.segment[r]!;
      const beyond = c.offset[r]! + c.length[r]! > (this.segBytes.get(seg) ?? 0);
      const shadowed = c.byId.get(c.ids[r]!) !== r;
      if (!present.has(seg) || beyond || shadowed || tombstones.has(c.ids[r]!)) c.flags[r]! |= DEAD;
      else {
        this.liveCount++;
        this.segLive.set(seg, (this.segLive.get(seg) ?? 0) + 1);
      }
    }
    for (const id of tombstones) if (c.byId.has(id) && !c.isLive(c.byId.get(id)!)) c.byId.delete(id);

    if (this.owner) {
      this.currentSeg = segments.length ? segments[segments.length - 1]! : 1;
      // Segments whose records were all deleted or expired (possibly by a guest, which deletes no files).
      for (const seg of segments) if (seg !== this.currentSeg && !this.segLive.get(seg)) this.dropSegment(seg);
      // Rewrite the index when it is missing, torn, or mostly dead weight; otherwise append to it as is.
      const deadRows = c.count - this.liveCount;
      if (!existsSync(indexPath) || badIndexLines || this.recovery.length || deadRows + tombstones.size > Math.max(1000, this.liveCount)) this.rewriteIndex();
      if (existsSync(join(this.dir, guestMarkName(this.currentSeg)))) this.roll();
      else {
        this.segFd = openSync(this.segPath(this.currentSeg), 'a', PRIVATE_FILE_MODE);
        this.segBytes.set(this.currentSeg, fstatSync(this.segFd).size);
      }
    }
    ({ fd: this.indexFd, refusal: this.refusal } = openIndex(indexPath));
    const index = this.indexFd >= 0 ? fstatSync(this.indexFd) : undefined;
    this.indexSize = index?.size ?? 0;
    this.indexIno = index?.ino ?? 0;
    this.enforceRetention();
  }

  /** Runs a change; see `changing` in folder-access.ts. */
  private writing<T>(what: string, change: () => T): T {
    return changing(this.dir, this.refusal, what, change);
  }

  /** Writes index.jsonl afresh from the live rows (temp file, fsync, rename): compaction and repair in one. */
  private rewriteIndex(): void {
    const c = this.cols;
    const ends: Record<string, number> = {};
    for (const [seg, bytes] of this.segBytes) ends[seg] = bytes;
    const lines: string[] = [JSON.stringify({ ends })];
    for (let r = 0; r < c.count; r++) if (c.isLive(r)) lines.push(JSON.stringify(c.tuple(r)));
    const tmp = join(this.dir, `${INDEX_FILE}.tmp`);
    const fd = openSync(tmp, 'w', PRIVATE_FILE_MODE);
    writeAll(fd, Buffer.from(lines.join('\n') + '\n'));
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, join(this.dir, INDEX_FILE));
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
    const from = this.indexSize;
    const scan = scanLines(join(this.dir, INDEX_FILE), from, (line) => {
      try {
        const v = JSON.parse(line.toString('utf8')) as IndexLine;
        if (Array.isArray(v)) {
          if (this.cols.byId.has(v[0])) return;
          this.cols.add(v);
          this.liveCount++;
          this.segLive.set(v[9], (this.segLive.get(v[9]) ?? 0) + 1);
          this.segBytes.set(v[9], Math.max(this.segBytes.get(v[9]) ?? 0, v[10] + v[11]));
        } else if ('del' in v) this.kill(v.del, 'no');
      } catch {
        /* a line still being written by the other process: read it next time */
      }
    });
    this.indexSize = scan.validEnd;
  }

  /**
   * One write at the index's end (O_APPEND keeps another process's line whole). Our read position moves past
   * it only when nothing else landed in between; otherwise the next refresh reads both (skipping ours).
   */
  private appendIndex(buf: Buffer): void {
    const before = this.indexSize;
    writeAll(this.indexFd, buf);
    if (fstatSync(this.indexFd).size === before + buf.length) this.indexSize = before + buf.length;
  }

  /** True when `index.jsonl` on disk is no longer the file we hold open (the owner compacted it). */
  private indexReplaced(): boolean {
    try {
      return statSync(join(this.dir, INDEX_FILE)).ino !== this.indexIno;
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

  /** Appends one record; see {@link appendMany}. */
  append(record: InvocationRecord): void {
    this.appendMany([record]);
  }

  /**
   * Appends records with one write per file: cost grows with the batch, never with the history's size.
   * Records of webhooks in `omitBodiesFor` are stored without bodies and flagged. A folder that cannot be
   * written fails with the typed `storage-unwritable` error, the history unchanged.
   */
  appendMany(records: readonly InvocationRecord[]): void {
    this.writing(records.length === 1 ? 'this invocation in the history' : `${records.length} invocations in the history`, () => this.appendUnguarded(records));
  }

  private appendUnguarded(records: readonly InvocationRecord[]): void {
    // Catch up first: for a guest, our index fd must be the file on disk, or these lines would land in a
    // replaced, unlinked file; for anyone, lines another process appended must be read before we skip past ours.
    this.refresh();
    // Our segment was deleted under us (an owner dropped it when its records died): write to a new one, or
    // these records would go to an unlinked file and vanish.
    if (this.segFd >= 0 && fstatSync(this.segFd).nlink === 0) {
      closeSync(this.segFd);
      this.segFd = -1;
    }
    if (this.segFd < 0) this.roll();
    let segChunks: Buffer[] = [];
    let indexLines = '';
    let segSize = fstatSync(this.segFd).size;
    const flush = () => {
      if (segChunks.length) writeAll(this.segFd, segChunks.length === 1 ? segChunks[0]! : Buffer.concat(segChunks));
      segChunks = [];
    };
    const rows: IndexTuple[] = [];
    for (const original of records) {
      const rec = this.omitBodiesFor.has(original.webhookId) ? stripBodies(original) : original;
      const line = Buffer.from(JSON.stringify(rec) + '\n', 'utf8');
      if (segSize > 0 && segSize + line.length > (this.fixedSegmentBytes ?? segmentBytesFor(this.retention.maxTotalBytes))) {
        flush();
        segSize = this.roll();
      }
      const t = tupleOf(rec, this.currentSeg, segSize, line.length);
      segChunks.push(line);
      segSize += line.length;
      rows.push(t);
      indexLines += JSON.stringify(t) + '\n';
    }
    // Segment first, index second: a crash in between leaves lines the next open() indexes from the segment.
    flush();
    this.appendIndex(Buffer.from(indexLines, 'utf8'));
    this.segBytes.set(this.currentSeg, segSize);
    for (const t of rows) {
      const prev = this.cols.byId.get(t[0]);
      if (prev !== undefined && this.cols.isLive(prev)) this.markDead(prev);
      this.cols.add(t);
      this.liveCount++;
      this.segLive.set(t[9], (this.segLive.get(t[9]) ?? 0) + 1);
    }
    this.enforceRetention();
  }

  /** Starts a new segment this process alone writes: created exclusively, past every existing number. */
  private roll(): number {
    if (this.segFd >= 0) {
      fsyncSync(this.segFd);
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
    // Only segments older than ours: a newer one belongs to a guest that may still be writing it.
    if (left === 0 && seg < this.currentSeg) this.dropSegment(seg);
  }

  private dropSegment(seg: number): void {
    // A guest deletes no files: the owner may be writing this one; the owner's next open removes it. Nor does
    // the owner delete a running guest's segment, which that guest may append to again.
    if (this.owner && !liveGuestSegment(this.dir, seg)) {
      rmSync(this.segPath(seg), { force: true });
      rmSync(join(this.dir, guestMarkName(seg)), { force: true });
    }
    this.segLive.delete(seg);
    this.segBytes.delete(seg);
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
        this.appendIndex(Buffer.from(JSON.stringify({ del: live }) + '\n', 'utf8'));
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
   * Drops the oldest invocations while any limit is exceeded: count and age row by row, total size by
   * whole segments (the only way to give disk back in an append-only store). Amortized O(1) per append:
   * it walks forward from the oldest live row and stops at the first one it keeps.
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
    if (maxTotalBytes !== null) {
      while (this.diskBytes() > maxTotalBytes) {
        let oldest = [...this.segBytes.keys()].sort((a, b) => a - b)[0];
        if (oldest === undefined) break;
        if (oldest === this.currentSeg) {
          // Only our own segment is left and it alone is over the cap (the cap was just lowered, or one record
          // is that big): start a fresh one so the old can go. A guest leaves that to the owner.
          if (!this.owner || this.segBytes.get(oldest) === 0) break;
          this.roll();
          oldest = [...this.segBytes.keys()].sort((a, b) => a - b)[0]!;
        }
        const ids: string[] = [];
        for (let r = this.firstLive; r < c.count; r++) if (c.isLive(r) && c.segment[r] === oldest) ids.push(c.ids[r]!);
        n += this.kill(ids, 'if-possible');
        if (this.segBytes.has(oldest)) this.dropSegment(oldest);
      }
    }
    return n;
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
      return JSON.parse(bytes.toString('utf8')) as InvocationRecord;
    } catch {
      return undefined;
    }
  }

  /** A page of summaries matching the query, and how many match in all. */
  async query(q: HistoryQuery = {}): Promise<HistoryPage> {
    this.refresh();
    return queryIndex(this.cols, q, (seg) => this.segPath(seg));
  }

  /** Success rate and latency percentiles per time bucket for one webhook. */
  stats(webhookId: string, since?: number, bucketMs?: number): WebhookStats {
    this.refresh();
    return statsFor(this.cols, webhookId, since, bucketMs);
  }

  /** Removes invocations by id; returns how many existed. */
  remove(ids: readonly string[]): number {
    this.refresh();
    return this.writing('the deletion from the history', () => this.kill(ids));
  }

  /**
   * Deletes every invocation. The owner also deletes the files (a cleared history must not linger on disk)
   * and starts a fresh segment; a guest writes tombstones and the owner's next open deletes the files.
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
    const old = this.currentSeg;
    this.roll();
    this.dropSegment(old);
    this.rewriteIndex();
    closeSync(this.indexFd);
    this.indexFd = openSync(join(this.dir, INDEX_FILE), 'a', PRIVATE_FILE_MODE);
    this.indexSize = fstatSync(this.indexFd).size;
    this.indexIno = fstatSync(this.indexFd).ino;
  }

  /** Fsyncs and closes the files. */
  close(): void {
    if (this.segFd >= 0) {
      fsyncSync(this.segFd);
      closeSync(this.segFd);
      // A guest that is done leaves its segment to the owner (to append to, or to delete once emptied).
      if (!this.owner) rmSync(join(this.dir, guestMarkName(this.currentSeg)), { force: true });
    }
    if (this.indexFd >= 0) {
      fsyncSync(this.indexFd);
      closeSync(this.indexFd);
    }
    this.segFd = this.indexFd = -1;
    this.closed = true;
    this.release?.();
    this.release = null;
  }
}
