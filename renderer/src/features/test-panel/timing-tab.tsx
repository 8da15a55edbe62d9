/** The Timing tab: a waterfall of each exchange's phases on one time axis, drawn with CSS only. */
import { formatMs } from '../../../../shared/delivery/format';
import type { InvocationRecord } from '../../../../shared/delivery/invocation';
import { buildWaterfall } from '../../../../shared/delivery/waterfall';

export function TimingTab({ record }: { record: InvocationRecord }) {
  const wf = buildWaterfall(record);
  if (wf.groups.length === 0) return <p className="muted">Nothing was sent, so there is nothing to time.</p>;
  return (
    <section className="panel-section">
      <div className="section-head">
        <h3>Waterfall</h3>
        <span className="muted">Total {formatMs(record.durationMs)}</span>
      </div>
      <div className="waterfall" role="table" aria-label="Timing of each phase">
        <div className="wf-row wf-axis" role="row" aria-hidden="true">
          <span className="wf-label" />
          <span className="wf-track">
            {wf.ticks.map((t) => (
              <span key={t} className="wf-tick" style={{ left: `${wf.totalMs > 0 ? (t / wf.totalMs) * 100 : 0}%` }}>
                {t === 0 ? '0' : formatMs(t)}
              </span>
            ))}
          </span>
          <span className="wf-duration" />
        </div>
        {wf.groups.map((g, gi) => (
          <div key={gi} role="rowgroup" className="wf-group">
            {g.bars.map((b, bi) => (
              <div key={bi} role="row" className={`wf-row ${b.kind === 'step' ? 'wf-step' : ''}`}>
                <span role="rowheader" className="wf-label">
                  {b.kind === 'step' ? g.title : b.label}
                </span>
                <span role="cell" className="wf-track">
                  <span className={`wf-bar ${b.kind === 'step' ? 'wf-bar-step' : `wf-${b.phase}`}`} style={{ left: `${b.leftPct}%`, width: `${b.widthPct}%` }} />
                </span>
                <span role="cell" className="wf-duration">
                  {formatMs(b.durationMs)}
                </span>
                {b.note && (
                  <span role="cell" className="wf-note">
                    {b.note}
                  </span>
                )}
              </div>
            ))}
          </div>
        ))}
      </div>
    </section>
  );
}
