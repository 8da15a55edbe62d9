/**
 * The truth table in a line, on the edit page: how many sample events the form's current triggers and
 * filters fire for, recomputed as they change (pure verdicts only; bodies are rendered in the full table).
 */
import { useMemo } from 'react';
import type { WebhookInput } from '../../../../shared/model/webhook';
import type { SampleEvent } from '../../../../shared/payload/request-event';
import { truthTable, VERDICT_LABELS, type VerdictKind } from '../../../../shared/simulator';
import { routeHref } from '../../app/use-route';
import './simulator.css';

const ORDER: VerdictKind[] = ['filtered-out', 'trigger-not-selected', 'inactive'];

export function TruthSummary({ draft, samples, savedId, dirty }: { draft: WebhookInput; samples: SampleEvent[]; savedId?: string; dirty: boolean }) {
  const rows = useMemo(() => truthTable(draft, { samples, render: false }), [draft, samples]);
  const count = (k: VerdictKind) => rows.filter((r) => r.cell.verdict.kind === k).length;
  const fired = rows.filter((r) => r.cell.verdict.kind === 'fires');
  const misses = ORDER.map((k) => [k, count(k)] as const).filter(([, n]) => n > 0);
  return (
    <section className="truth-summary" aria-labelledby="truth-summary-title">
      <h2 id="truth-summary-title">Truth table</h2>
      <p role="status" aria-live="polite">
        <strong className={fired.length ? 'verdict-fires' : 'verdict-filtered-out'}>
          Fires for {fired.length} of {rows.length} sample events
        </strong>
        {misses.map(([k, n]) => (
          <span key={k} className="muted">
            {' '}
            · {n} {VERDICT_LABELS[k]}
          </span>
        ))}
        {' — '}
        {savedId ? (
          <a href={routeHref({ page: 'truth-table', id: savedId })}>view table{dirty ? ' (of the saved version)' : ''}</a>
        ) : (
          <span className="muted">save to view the full table with bodies</span>
        )}
      </p>
      {fired.length > 0 && fired.length < rows.length && (
        <p className="muted small">
          Fires for: {fired.slice(0, 4).map((r) => `${r.edgeCase ? 'edge case ' : ''}${r.label}`).join('; ')}
          {fired.length > 4 ? `; and ${fired.length - 4} more` : ''}
        </p>
      )}
    </section>
  );
}
