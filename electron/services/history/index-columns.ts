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

/** What one index row holds, in the on-disk `index.jsonl` tuple order. */
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
];

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
  ];
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
  readonly replayOf = new Map<number, string>();
  readonly byId = new Map<string, number>();
  readonly webhooks = new Interner();
  readonly names = new Interner();
  readonly triggers = new Interner();
  readonly errorClasses = new Interner();
  /** True while every row started no earlier than the row before it (then "newest first" needs no sort). */
  timeSorted = true;

  private grow(): void {
    // Doubling keeps appends amortized O(1): at 200,000 rows a copy happens once per 100,000+ appends.
    const cap = Math.max(1024, this.capacity * 2);
    const g = <T extends Float64Array | Uint32Array | Uint16Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.time = g(this.time, (n) => new Float64Array(n));
    this.webhook = g(this.webhook, (n) => new Uint32Array(n));
    this.name = g(this.name, (n) => new Uint32Array(n));
    this.trigger = g(this.trigger, (n) => new Uint16Array(n));
    this.ok = g(this.ok, (n) => new Uint8Array(n));
    this.status = g(this.status, (n) => new Uint16Array(n));
    this.duration = g(this.duration, (n) => new Float64Array(n));
    this.errorClass = g(this.errorClass, (n) => new Uint16Array(n));
    this.segment = g(this.segment, (n) => new Uint32Array(n));
    this.offset = g(this.offset, (n) => new Float64Array(n));
    this.length = g(this.length, (n) => new Uint32Array(n));
    this.flags = g(this.flags, (n) => new Uint8Array(n));
    this.capacity = cap;
  }

  /** Adds a row; returns its index. A duplicate id replaces nothing: the newer row shadows it in `byId`. */
  add(t: IndexTuple): number {
    if (this.count === this.capacity) this.grow();
    const r = this.count++;
    const [id, timeMs, webhookId, webhookName, trigger, ok, status, durationMs, errorClass, segment, offset, length, flags, replayOf] = t;
    this.ids[r] = id;
    if (r > 0 && timeMs < this.time[r - 1]!) this.timeSorted = false;
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
    if (replayOf) this.replayOf.set(r, replayOf);
    this.byId.set(id, r);
    return r;
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
      this.replayOf.get(r) ?? null,
    ];
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
    const replayOf = this.replayOf.get(r);
    if (replayOf) s.replayOf = replayOf;
    if (this.flags[r]! & BODIES_OMITTED) s.bodiesOmitted = true;
    return s;
  }
}
