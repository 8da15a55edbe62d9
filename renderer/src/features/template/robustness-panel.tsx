/** "Does the JSON hold?": every sample whose body breaks or is altered by escaping, linked to the template line. */
import type { RobustnessFinding } from '../../../../shared/template/robustness';
import { LineLink } from './line-link';
import type { RobustnessState } from './use-robustness';

const KIND: Record<RobustnessFinding['kind'], string> = {
  'render-error': 'Render error',
  'invalid-json': 'Invalid JSON',
  'escaping-altered': 'Altered by escaping',
  'target-refused': 'Target would refuse',
};

export function RobustnessPanel({ state, onGo }: { state: RobustnessState; onGo(line: number, column: number): void }) {
  const done = state.status === 'done' ? state : undefined;
  const findings = done?.report.compiles ? done.report.findings : [];
  const syntaxError = done && !done.report.compiles ? done.report.syntaxError : undefined;
  return (
    <section className="tw-robust" aria-labelledby="tw-robust-title" aria-busy={state.status === 'checking'}>
      <div className="tw-head">
        <h3 id="tw-robust-title">Does the JSON hold?</h3>
        <span className="muted" role="status">
          {state.status === 'checking' && 'Checking every sample…'}
          {done?.report.compiles && (findings.length === 0 ? `Holds for all ${done.checked} samples.` : `${findings.length} of ${done.checked} samples fail.`)}
        </span>
      </div>
      {state.status === 'failed' && <p className="error">{state.message}</p>}
      {/* Said once for the template, not counted per sample: no sample can render until it compiles. */}
      {syntaxError && (
        <p className="error">
          The template does not compile: {syntaxError.message} (<LineLink line={syntaxError.line} column={syntaxError.column} onGo={onGo} />) — fix it first; no sample can render.
        </p>
      )}
      {findings.length > 0 && (
        <ul className="tw-findings">
          {findings.map((f, i) => (
            <li key={`${f.sampleId}-${f.kind}-${i}`}>
              <strong>{f.sampleLabel}</strong> <span className={f.kind === 'escaping-altered' ? 'warning' : 'error'}>{KIND[f.kind]}</span>
              <div className="tw-finding-msg">
                {f.message}
                {f.template && (
                  <>
                    {' — '}
                    <LineLink line={f.template.line} column={f.template.column} onGo={onGo} />
                  </>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
