/**
 * The history's in-memory index: one row per invocation, in append order, as typed-array columns.
 *
 * About 60 bytes of numbers per row plus the id string, instead of a record object per invocation: 200,000
 * rows stay around 20–30 MB and a full filter pass is a tight loop over numbers. Strings that repeat
 * (webhook ids and names, triggers, error classes) are interned once.
 */
import type { InvocationRecord } from '../../../shared/delivery/invocation';
import type { InvocationSummary } from '../../../shared/history/types';
import type { DeliveryErrorClass } from '../../../shared/delivery/errors';

/** Row flags. */
export const DEAD = 1;
export const BODIES_OMITTED = 2;

/** A table of distinct strings; index 0 is reserved for "none". */
export class Interner {
  readonly values: string[] = [''];
  private readonly map = new Map<string, number>();
  intern(s: string | null): number {
    if (s === null) return 0;
    let i = this.map.get(s);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(s);
      this.map.set(s, i);
    }
    return i;
  }
  find(s: string): number | undefined {
    return this.map.get(s);
  }
}

/** What one index row holds, in the on-disk `index.jsonl` tuple order (name positions with {@link FIELD}). */
export type IndexTuple = [
  id: string,
  timeMs: number,
  webhookId: string,
  webhookName: string,
  trigger: string,
  ok: 0 | 1,
  status: number | null,
  durationMs: number,
  errorClass: string | null,
  segment: number,
  offset: number,
  length: number,
  flags: number,
  replayOf: string | null,
  /** Apono request id (`data.friendly_id`, `data.id`) and requester email, lower-cased; absent in rows written before. */
  keys?: RequestKeys | null,
];

/** What support staff look an invocation up by: the Apono request's readable id, its id and the requester's email. */
export type RequestKeys = [friendlyId: string | null, requestId: string | null, requesterEmail: string | null];

/** Positions in an {@link IndexTuple}, so code says `t[FIELD.segment]` rather than `t[9]`. */
export const FIELD = { id: 0, time: 1, webhookId: 2, webhookName: 3, trigger: 4, ok: 5, status: 6, duration: 7, errorClass: 8, segment: 9, offset: 10, length: 11, flags: 12, replayOf: 13, keys: 14 } as const;

const lowerOrNull = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v.toLowerCase() : null);

/** The request keys of an Apono event (`data.friendly_id`, `data.id`, `data.requester.email`); null when it has none. */
export function requestKeysOf(event: unknown): RequestKeys | null {
  const data = (event as { data?: unknown } | null)?.data;
  if (typeof data !== 'object' || data === null) return null;
  const d = data as { friendly_id?: unknown; id?: unknown; requester?: { email?: unknown } | null };
  const keys: RequestKeys = [lowerOrNull(d.friendly_id), lowerOrNull(d.id), lowerOrNull(typeof d.requester === 'object' ? d.requester?.email : undefined)];
  return keys.some((k) => k !== null) ? keys : null;
}

/** The index row of a record stored at `offset` (`length` bytes) in `segment`. */
export function tupleOf(rec: InvocationRecord, segment: number, offset: number, length: number): IndexTuple {
  return [
    rec.id,
    Date.parse(rec.startedAt) || 0,
    rec.webhookId,
    rec.webhookName,
    rec.trigger,
    rec.outcome === 'Success' ? 1 : 0,
    rec.response ? rec.response.status : null,
    rec.durationMs,
    rec.error ? rec.error.errorClass : null,
    segment,
    offset,
    length,
    rec.bodiesOmitted ? BODIES_OMITTED : 0,
    rec.replayOf ?? null,
    requestKeysOf(rec.event),
  ];
}

type Column = Float64Array | Uint32Array | Uint16Array | Uint8Array;

const NO_ROWS: readonly number[] = [];

/**
 * A hash index from an interned key to its rows, ascending: a lookup by webhook, request id or requester reads
 * only its matches instead of passing over every row. Dead rows stay listed (queries skip them, as a scan does).
 */
export class Postings {
  private readonly lists = new Map<number, number[]>();

  /** The rows holding `key`, ascending. */
  rows(key: number): readonly number[] {
    return this.lists.get(key) ?? NO_ROWS;
  }

  /** Lists row `r` under `key`; rows arrive near the end of the list (appends, late inserts), so the walk is short. */
  add(key: number, r: number): void {
    if (key === 0) return;
    let list = this.lists.get(key);
    if (!list) this.lists.set(key, (list = []));
    let p = list.length;
    while (p > 0 && list[p - 1]! > r) p--;
    if (p === list.length) list.push(r);
    else list.splice(p, 0, r);
  }

  /** Row `r` of `key` moved to `r + 1` (a late row was inserted before it); called from the highest row down. */
  bump(key: number, r: number): void {
    const list = key === 0 ? undefined : this.lists.get(key);
    if (!list) return;
    for (let p = list.length - 1; p >= 0; p--) {
      if (list[p] === r) {
        list[p] = r + 1;
        return;
      }
    }
  }

  clear(): void {
    this.lists.clear();
  }
}

export class IndexColumns {
  count = 0;
  private capacity = 0;
  ids: string[] = [];
  time = new Float64Array(0);
  webhook = new Uint32Array(0);
  name = new Uint32Array(0);
  trigger = new Uint16Array(0);
  ok = new Uint8Array(0);
  status = new Uint16Array(0);
  duration = new Float64Array(0);
  errorClass = new Uint16Array(0);
  segment = new Uint32Array(0);
  offset = new Float64Array(0);
  length = new Uint32Array(0);
  flags = new Uint8Array(0);
  /** Interned request keys (see {@link RequestKeys}); 0 = none. */
  friendlyId = new Uint32Array(0);
  requestId = new Uint32Array(0);
  requester = new Uint32Array(0);
  /** The replayed invocation's id by row (undefined for most rows). */
  replayOf: (string | undefined)[] = [];
  readonly byId = new Map<string, number>();
  readonly webhooks = new Interner();
  readonly names = new Interner();
  readonly triggers = new Interner();
  readonly errorClasses = new Interner();
  /** Request ids (readable and not) and requester emails, lower-cased; one table for all three columns. */
  readonly requestKeys = new Interner();
  /** Rows by webhook, and by request key (any of the three columns: a query checks which one matched). */
  readonly byWebhook = new Postings();
  readonly byRequestKey = new Postings();

  /** Every typed-array column with a way to write it back, so growing, shifting and permuting stay in one place. */
  private columns(): { get: () => Column; set: (a: Column) => void }[] {
    type Key = 'time' | 'webhook' | 'name' | 'trigger' | 'ok' | 'status' | 'duration' | 'errorClass' | 'segment' | 'offset' | 'length' | 'flags' | 'friendlyId' | 'requestId' | 'requester';
    const col = <K extends Key>(k: K) => ({
      get: (): Column => this[k],
      set: (a: Column) => {
        (this as Record<K, Column>)[k] = a;
      },
    });
    const keys: Key[] = ['time', 'webhook', 'name', 'trigger', 'ok', 'status', 'duration', 'errorClass', 'segment', 'offset', 'length', 'flags', 'friendlyId', 'requestId', 'requester'];
    return keys.map(col);
  }

  private grow(): void {
    // Doubling keeps appends amortized O(1): at 200,000 rows a copy happens once per 100,000+ appends.
    const cap = Math.max(1024, this.capacity * 2);
    for (const c of this.columns()) {
      const a = c.get();
      const b = new (a.constructor as new (n: number) => Column)(cap);
      b.set(a);
      c.set(b);
    }
    this.capacity = cap;
  }

  /**
   * Adds a row at the end (append order); returns its index. A duplicate id replaces nothing: the newer row
   * shadows it in `byId`. Loading uses this, then {@link sortByTime} once.
   */
  add(t: IndexTuple): number {
    if (this.count === this.capacity) this.grow();
    const r = this.count++;
    this.write(r, t);
    this.byId.set(t[FIELD.id], r);
    this.post(r);
    return r;
  }

  /** Lists row `r` in the hash indexes (each distinct request key once). */
  private post(r: number): void {
    this.byWebhook.add(this.webhook[r]!, r);
    const f = this.friendlyId[r]!;
    const q = this.requestId[r]!;
    const who = this.requester[r]!;
    this.byRequestKey.add(f, r);
    if (q !== f) this.byRequestKey.add(q, r);
    if (who !== f && who !== q) this.byRequestKey.add(who, r);
  }

  /** Moves row `r` to `r + 1` in the hash indexes (the same keys as {@link post}). */
  private bumpPostings(r: number): void {
    this.byWebhook.bump(this.webhook[r]!, r);
    const f = this.friendlyId[r]!;
    const q = this.requestId[r]!;
    const who = this.requester[r]!;
    this.byRequestKey.bump(f, r);
    if (q !== f) this.byRequestKey.bump(q, r);
    if (who !== f && who !== q) this.byRequestKey.bump(who, r);
  }

  /**
   * Adds a row where its start time belongs, so rows stay in time order: two overlapping sends finish (and are
   * appended) in the other order than they started. The late row is usually a few rows from the end, so the
   * shift is short; rows after it move one place up and `byId` follows them.
   */
  insertByTime(t: IndexTuple): number {
    const time = t[FIELD.time];
    let p = this.count;
    while (p > 0 && this.time[p - 1]! > time) p--;
    if (p === this.count) return this.add(t);
    if (this.count === this.capacity) this.grow();
    for (let r = this.count - 1; r >= p; r--) this.bumpPostings(r);
    for (const c of this.columns()) c.get().copyWithin(p + 1, p, this.count);
    this.ids.splice(p, 0, t[FIELD.id]);
    this.replayOf.splice(p, 0, undefined);
    this.count++;
    for (let r = p + 1; r < this.count; r++) if (this.byId.get(this.ids[r]!) === r - 1) this.byId.set(this.ids[r]!, r);
    this.write(p, t);
    this.byId.set(t[FIELD.id], p);
    this.post(p);
    return p;
  }

  private write(r: number, t: IndexTuple): void {
    const [id, timeMs, webhookId, webhookName, trigger, ok, status, durationMs, errorClass, segment, offset, length, flags, replayOf, keys] = t;
    this.ids[r] = id;
    this.time[r] = timeMs;
    this.webhook[r] = this.webhooks.intern(webhookId);
    this.name[r] = this.names.intern(webhookName);
    this.trigger[r] = this.triggers.intern(trigger);
    this.ok[r] = ok;
    this.status[r] = status ?? 0;
    this.duration[r] = durationMs;
    this.errorClass[r] = this.errorClasses.intern(errorClass);
    this.segment[r] = segment;
    this.offset[r] = offset;
    this.length[r] = length;
    this.flags[r] = flags;
    this.replayOf[r] = replayOf ?? undefined;
    this.friendlyId[r] = this.requestKeys.intern(keys?.[0] ?? null);
    this.requestId[r] = this.requestKeys.intern(keys?.[1] ?? null);
    this.requester[r] = this.requestKeys.intern(keys?.[2] ?? null);
  }

  /** True when every row started no earlier than the row before it. */
  isTimeSorted(): boolean {
    for (let r = 1; r < this.count; r++) if (this.time[r]! < this.time[r - 1]!) return false;
    return true;
  }

  /**
   * Puts the rows in start-time order (ties keep append order) and points `byId` at each id's live row. An
   * index written before rows were kept in order (or by two processes at once) is sorted once on open, so
   * "newest first" never needs a sort and age retention can stop at the first row it keeps.
   */
  sortByTime(): void {
    if (this.isTimeSorted()) return;
    const order = Array.from({ length: this.count }, (_, r) => r).sort((a, b) => this.time[a]! - this.time[b]! || a - b);
    for (const c of this.columns()) {
      const a = c.get();
      const b = new (a.constructor as new (n: number) => Column)(this.capacity);
      order.forEach((from, to) => (b[to] = a[from]!));
      c.set(b);
    }
    this.ids = order.map((r) => this.ids[r]!);
    this.replayOf = order.map((r) => this.replayOf[r]);
    this.byId.clear();
    for (let r = 0; r < this.count; r++) if (this.isLive(r) || !this.byId.has(this.ids[r]!)) this.byId.set(this.ids[r]!, r);
    this.byWebhook.clear();
    this.byRequestKey.clear();
    for (let r = 0; r < this.count; r++) this.post(r);
  }

  isLive(r: number): boolean {
    return (this.flags[r]! & DEAD) === 0;
  }

  tuple(r: number): IndexTuple {
    return [
      this.ids[r]!,
      this.time[r]!,
      this.webhooks.values[this.webhook[r]!]!,
      this.names.values[this.name[r]!]!,
      this.triggers.values[this.trigger[r]!]!,
      this.ok[r] as 0 | 1,
      this.status[r] || null,
      this.duration[r]!,
      this.errorClass[r] ? this.errorClasses.values[this.errorClass[r]!]! : null,
      this.segment[r]!,
      this.offset[r]!,
      this.length[r]!,
      this.flags[r]! & ~DEAD,
      this.replayOf[r] ?? null,
      this.keysOf(r),
    ];
  }

  private keysOf(r: number): RequestKeys | null {
    const v = this.requestKeys.values;
    const keys: RequestKeys = [v[this.friendlyId[r]!] || null, v[this.requestId[r]!] || null, v[this.requester[r]!] || null];
    return keys.some((k) => k !== null) ? keys : null;
  }

  summary(r: number): InvocationSummary {
    const s: InvocationSummary = {
      id: this.ids[r]!,
      startedAt: new Date(this.time[r]!).toISOString(),
      webhookId: this.webhooks.values[this.webhook[r]!]!,
      webhookName: this.names.values[this.name[r]!]!,
      trigger: this.triggers.values[this.trigger[r]!]!,
      outcome: this.ok[r] ? 'Success' : 'Failure',
      status: this.status[r] || null,
      durationMs: this.duration[r]!,
      errorClass: this.errorClass[r] ? (this.errorClasses.values[this.errorClass[r]!] as DeliveryErrorClass) : null,
    };
    const replayOf = this.replayOf[r];
    if (replayOf) s.replayOf = replayOf;
    if (this.flags[r]! & BODIES_OMITTED) s.bodiesOmitted = true;
    return s;
  }
}
