/**
 * Success rate and latency percentiles per time bucket, for the per-webhook chart.
 */
import type { StatsBucket, WebhookStats } from './types';

/** One invocation as the chart needs it. */
export interface StatsPoint {
  /** Start time, epoch ms. */
  t: number;
  ok: boolean;
  durationMs: number;
}

const HOUR = 3_600_000;
const BUCKET_CHOICES = [60_000, 5 * 60_000, 15 * 60_000, HOUR, 6 * HOUR, 24 * HOUR, 7 * 24 * HOUR];

/** A bucket size that splits `spanMs` into at most about 48 bars, so the chart stays readable. */
export function chooseBucketMs(spanMs: number): number {
  return BUCKET_CHOICES.find((b) => spanMs / b <= 48) ?? BUCKET_CHOICES[BUCKET_CHOICES.length - 1]!;
}

/** Nearest-rank percentile of sorted values (`q` in 0..1). */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Buckets the points (any order) by start time; empty buckets are left out. */
export function bucketStats(webhookId: string, points: readonly StatsPoint[], bucketMs?: number): WebhookStats {
  if (points.length === 0) return { webhookId, bucketMs: bucketMs ?? HOUR, buckets: [], total: 0, successRate: 0 };
  let min = Infinity;
  let max = -Infinity;
  for (const p of points) {
    if (p.t < min) min = p.t;
    if (p.t > max) max = p.t;
  }
  const size = bucketMs ?? chooseBucketMs(max - min);
  const groups = new Map<number, { ok: number; durations: number[] }>();
  let okAll = 0;
  for (const p of points) {
    const key = Math.floor(p.t / size) * size;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ok: 0, durations: [] }));
    g.durations.push(p.durationMs);
    if (p.ok) {
      g.ok++;
      okAll++;
    }
  }
  const buckets: StatsBucket[] = [...groups.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([start, g]) => {
      const sorted = g.durations.sort((a, b) => a - b);
      return { start: new Date(start).toISOString(), count: sorted.length, successRate: g.ok / sorted.length, p50Ms: percentile(sorted, 0.5), p95Ms: percentile(sorted, 0.95) };
    });
  return { webhookId, bucketMs: size, buckets, total: points.length, successRate: okAll / points.length };
}

/** Parses a duration like `90s`, `15m`, `1h`, `7d`, `2w` into milliseconds; `null` when it is not one. */
export function parseDuration(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d|w)\s*$/i.exec(text);
  if (!m) return null;
  const unit = { s: 1000, m: 60_000, h: HOUR, d: 24 * HOUR, w: 7 * 24 * HOUR }[m[2]!.toLowerCase() as 's' | 'm' | 'h' | 'd' | 'w'];
  return Number(m[1]) * unit;
}
