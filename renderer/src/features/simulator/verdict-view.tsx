/** A verdict as a short badge, and the detail shown when a cell is chosen: why not, or the body. */
import { useEffect, useRef } from 'react';
import { VERDICT_LABELS, type SimCell } from '../../../../shared/simulator';
import './simulator.css';

export function VerdictBadge({ cell }: { cell: SimCell }) {
  const broken = cell.rendered && !cell.rendered.json;
  return (
    <span className={`verdict verdict-${cell.verdict.kind}${broken ? ' verdict-broken' : ''}`}>
      {cell.verdict.kind === 'fires' ? '✓ ' : '– '}
      {VERDICT_LABELS[cell.verdict.kind]}
      {broken && ' (body not JSON)'}
    </span>
  );
}

/** The chosen cell: the rendered body when it fires (pretty-printed when JSON), otherwise the reason. */
export function CellDetail({ title, cell }: { title: string; cell: SimCell }) {
  const ref = useRef<HTMLElement>(null);
  // The detail sits below a possibly long table: bring it into view when another cell is chosen. A block
  // body, because recent Chromium returns a promise from scrollIntoView and React takes any return as cleanup.
  useEffect(() => {
    void ref.current?.scrollIntoView({ block: 'nearest' });
  }, [title]);
  const r = cell.rendered;
  let body = r?.body ?? '';
  if (r?.json) body = JSON.stringify(JSON.parse(r.body), null, 2);
  return (
    <section ref={ref} className="cell-detail" aria-label="Selected cell" aria-live="polite">
      <h2>{title}</h2>
      <p>
        <VerdictBadge cell={cell} />
      </p>
      {'reason' in cell.verdict && <p>{cell.verdict.reason}</p>}
      {cell.verdict.kind !== 'trigger-not-selected' && cell.verdict.kind !== 'inactive' && cell.verdict.filters.length > 0 && (
        <ul className="filter-outcomes">
          {cell.verdict.filters.map((o) => (
            <li key={o.index} className={o.matched ? 'ok' : 'error'}>
              {o.matched ? '✓' : '✗'} {o.filter.field === 'json_path' ? `json_path ${o.filter.path ?? ''}` : o.filter.field}: {o.filter.values.join(', ')}
              {o.matched ? ` (matched "${o.matchedValue}")` : ` — event has ${o.present.length ? o.present.map((v) => `"${v}"`).join(', ') : 'nothing'}`}
            </li>
          ))}
        </ul>
      )}
      {cell.verdict.kind === 'fires' && !r && <p className="muted">Rendering the body…</p>}
      {r && (
        <>
          {r.problem && <p className="error">{r.problem}</p>}
          <h3>Body it would send</h3>
          <pre className="code body-preview">{body}</pre>
        </>
      )}
    </section>
  );
}
