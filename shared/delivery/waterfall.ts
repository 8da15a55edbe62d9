/**
 * The Timing tab's waterfall as data: one bar per phase of each exchange, placed on one time axis.
 *
 * Bars are positioned from the recorded phase durations, which follow each other within an exchange
 * (queue → DNS → TCP → TLS → send → wait → download), and from each exchange's start relative to the
 * first. Pure, so the chart is tested without a browser.
 */
import type { InvocationRecord, InvocationStep, StepTimings } from './invocation';

/** Phases in the order they happen; `label` is what the chart shows. */
export const PHASES = [
  { key: 'queueMs', id: 'queue', label: 'Queued' },
  { key: 'dnsMs', id: 'dns', label: 'DNS lookup' },
  { key: 'tcpMs', id: 'tcp', label: 'TCP connect' },
  { key: 'tlsMs', id: 'tls', label: 'TLS handshake' },
  { key: 'sendMs', id: 'send', label: 'Request sent' },
  { key: 'waitMs', id: 'wait', label: 'Waiting (first byte)' },
  { key: 'downloadMs', id: 'download', label: 'Download' },
] as const satisfies ReadonlyArray<{ key: keyof StepTimings; id: string; label: string }>;

export type PhaseId = (typeof PHASES)[number]['id'];

/** One bar; `leftPct` and `widthPct` are percentages of the chart's width. */
export interface WaterfallBar {
  kind: 'step' | 'phase';
  /** Which phase, for `phase` bars (the colour); absent for the step's total bar. */
  phase?: PhaseId;
  label: string;
  startMs: number;
  durationMs: number;
  leftPct: number;
  widthPct: number;
  /** E.g. "reused connection", "token from cache", the error message. */
  note?: string;
}

/** A group of bars for one exchange: its total bar first, then its phases. */
export interface WaterfallGroup {
  title: string;
  bars: WaterfallBar[];
}

export interface Waterfall {
  groups: WaterfallGroup[];
  /** The axis length in ms (the whole invocation, or the longest bar's end if later). */
  totalMs: number;
  /** Tick marks along the axis, in ms. */
  ticks: number[];
}

function stepTitle(step: InvocationStep): string {
  const base = step.kind === 'oauth-token' ? 'OAuth token' : 'Webhook call';
  return step.attempt > 1 ? `${base} (retry after 401)` : base;
}

/** 1, 2 or 5 times a power of ten, giving at most about six ticks over `total`. */
export function niceTicks(total: number): number[] {
  if (!(total > 0)) return [0];
  const raw = total / 5;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let t = 0; t <= total + 1e-9; t += step) ticks.push(Number(t.toFixed(6)));
  return ticks;
}

/** Lays out the waterfall of a record. Steps without timings (token from cache) get a zero-width marker. */
export function buildWaterfall(record: Pick<InvocationRecord, 'steps' | 'startedAt' | 'durationMs'>): Waterfall {
  const origin = Date.parse(record.startedAt);
  const first = record.steps[0] ? Date.parse(record.steps[0].startedAt) : origin;
  // Step starts are ISO timestamps (millisecond resolution), so they are measured from the earliest one.
  const zero = Math.min(Number.isNaN(origin) ? first : origin, Number.isNaN(first) ? origin : first);
  const raw = record.steps.map((step) => {
    const at = Date.parse(step.startedAt);
    const start = Number.isNaN(at) || Number.isNaN(zero) ? 0 : Math.max(0, at - zero);
    const total = step.timings?.totalMs ?? step.durationMs;
    return { step, start, total };
  });
  const totalMs = Math.max(record.durationMs, ...raw.map((r) => r.start + r.total), 0);
  const pct = (ms: number) => (totalMs > 0 ? Math.min(100, Math.max(0, (ms / totalMs) * 100)) : 0);
  const bar = (b: Omit<WaterfallBar, 'leftPct' | 'widthPct'>): WaterfallBar => ({
    ...b,
    leftPct: pct(b.startMs),
    widthPct: Math.min(pct(b.durationMs), 100 - pct(b.startMs)),
  });

  const groups = raw.map(({ step, start, total }): WaterfallGroup => {
    const notes: string[] = [];
    if (step.fromCache) notes.push('token from cache, nothing sent');
    if (step.timings?.reusedSocket) notes.push('reused connection: no DNS, TCP or TLS');
    if (step.error) notes.push(step.error.message);
    const bars: WaterfallBar[] = [bar({ kind: 'step', label: 'Total', startMs: start, durationMs: total, note: notes.join('; ') || undefined })];
    let cursor = start;
    const t = step.timings;
    if (t) {
      for (const p of PHASES) {
        const ms = t[p.key];
        if (ms === null) continue;
        bars.push(bar({ kind: 'phase', phase: p.id, label: p.label, startMs: cursor, durationMs: ms }));
        cursor += ms;
      }
    }
    return { title: stepTitle(step), bars };
  });
  return { groups, totalMs, ticks: niceTicks(totalMs) };
}
