/**
 * One webhook's health over time, in plain SVG: success rate per bucket as bars (red where it dips), and
 * p50/p95 latency as two lines, so a degrading endpoint is visible at a glance. The numbers are also in the
 * chart's accessible name and in a caption.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import { formatMs } from '../../../../shared/delivery/format';
import type { WebhookStats } from '../../../../shared/history/types';
import { api } from '../../lib/api';

const H = 130;
const PAD = { left: 48, right: 40, top: 8, bottom: 18 };

function bucketLabel(ms: number): string {
  if (ms < 3_600_000) return `${ms / 60_000} min`;
  if (ms < 86_400_000) return `${ms / 3_600_000} h`;
  return `${ms / 86_400_000} d`;
}

/** Fetches stats for `webhookId` again whenever `version` changes (a replay or import added a row). */
export function StatsChart({ webhookId, webhookName, version }: { webhookId: string; webhookName: string; version: number }) {
  const [stats, setStats] = useState<WebhookStats | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void api.history.stats({ webhookId }).then((r) => {
      if (!live) return;
      if (r.ok) {
        setStats(r.value);
        setError(null);
      } else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [webhookId, version]);

  if (error) return <p className="error">Could not load the chart: {error}</p>;
  if (!stats) return <p className="muted small">Loading chart…</p>;
  if (stats.buckets.length === 0) return <p className="muted small">No invocations of {webhookName} yet, so there is nothing to chart.</p>;
  return <Chart stats={stats} webhookName={webhookName} />;
}

/** The figure's width in pixels, so the SVG is drawn at 1:1 and its text is never stretched. */
function useWidth(): [RefObject<HTMLElement | null>, number] {
  const ref = useRef<HTMLElement>(null);
  const [width, setWidth] = useState(640);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(Math.max(320, Math.floor(el.clientWidth - 24))));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

function Chart({ stats, webhookName }: { stats: WebhookStats; webhookName: string }) {
  const [ref, W] = useWidth();
  const b = stats.buckets;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / b.length;
  const maxMs = Math.max(1, ...b.map((x) => x.p95Ms));
  const x = (i: number) => PAD.left + i * slot + slot / 2;
  const yMs = (ms: number) => PAD.top + plotH - (ms / maxMs) * plotH;
  const line = (pick: (i: number) => number) => b.map((_, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${yMs(pick(i)).toFixed(1)}`).join(' ');
  const last = b[b.length - 1]!;
  const summary = `${webhookName}: ${Math.round(stats.successRate * 100)}% success over ${stats.total} invocations in ${b.length} buckets of ${bucketLabel(stats.bucketMs)}; latest bucket ${Math.round(last.successRate * 100)}% success, p50 ${formatMs(last.p50Ms)}, p95 ${formatMs(last.p95Ms)}.`;
  return (
    <figure className="stats-chart" ref={ref}>
      <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={summary}>
        <line className="axis" x1={PAD.left} x2={W - PAD.right} y1={PAD.top + plotH} y2={PAD.top + plotH} />
        <text className="tick" x={PAD.left - 4} y={PAD.top + 8} textAnchor="end">
          {formatMs(maxMs)}
        </text>
        <text className="tick" x={PAD.left - 4} y={PAD.top + plotH} textAnchor="end">
          0 ms
        </text>
        {/* Right axis: the bars are the share of successes (green) and failures (red), 0–100%. */}
        <text className="tick" x={W - PAD.right + 4} y={PAD.top + 8}>
          100%
        </text>
        <text className="tick" x={W - PAD.right + 4} y={PAD.top + plotH}>
          0%
        </text>
        {b.map((bucket, i) => {
          const h = bucket.successRate * plotH;
          const w = Math.max(2, slot * 0.7);
          return (
            <g key={bucket.start}>
              {/* Failure share in the background, success share in front: a dip shows as red. */}
              <rect className="bar-failure" x={x(i) - w / 2} y={PAD.top} width={w} height={plotH - h} />
              <rect className="bar-success" x={x(i) - w / 2} y={PAD.top + plotH - h} width={w} height={h}>
                <title>{`${new Date(bucket.start).toLocaleString()}: ${Math.round(bucket.successRate * 100)}% of ${bucket.count}, p50 ${formatMs(bucket.p50Ms)}, p95 ${formatMs(bucket.p95Ms)}`}</title>
              </rect>
            </g>
          );
        })}
        <path className="line-p95" d={line((i) => b[i]!.p95Ms)} />
        <path className="line-p50" d={line((i) => b[i]!.p50Ms)} />
        {b.length === 1 && (
          <>
            <circle className="point-p95" cx={x(0)} cy={yMs(b[0]!.p95Ms)} r={3} />
            <circle className="point-p50" cx={x(0)} cy={yMs(b[0]!.p50Ms)} r={3} />
          </>
        )}
        <text className="tick" x={PAD.left} y={H - 4}>
          {new Date(b[0]!.start).toLocaleString()}
        </text>
        <text className="tick" x={W - PAD.right} y={H - 4} textAnchor="end">
          {new Date(last.start).toLocaleString()}
        </text>
      </svg>
      <figcaption className="small">
        <span className="legend legend-success">Success rate</span> <span className="legend legend-failure">Failures</span> <span className="legend legend-p50">p50 latency</span>{' '}
        <span className="legend legend-p95">p95 latency</span>
        <span className="muted">
          {' '}
          · {Math.round(stats.successRate * 100)}% success over {stats.total} · buckets of {bucketLabel(stats.bucketMs)} · latest p50 {formatMs(last.p50Ms)}, p95 {formatMs(last.p95Ms)}
        </span>
      </figcaption>
    </figure>
  );
}
