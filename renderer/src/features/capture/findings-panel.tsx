/** What one capture tells, with the two actions: apply the findings to the settings, save the event as a sample. */
import { useState } from 'react';
import type { CaptureFindings } from '../../../../shared/capture/findings';
import { api } from '../../lib/api';

export function FindingsPanel({ id, findings }: { id: string; findings: CaptureFindings }) {
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const settles = findings.eventTypeSpelling !== 'undetermined' || findings.escapeMode !== 'undetermined';

  const apply = async () => {
    const r = await api.capture.applyFindings({ id });
    setMessage(r.ok ? { ok: true, text: `Settings saved: event_type spelling ${r.value.eventTypeStyle}, escaping ${r.value.escapeMode}.` } : { ok: false, text: r.error.message });
  };
  const save = async () => {
    const r = await api.capture.saveSample({ id });
    setMessage(r.ok ? { ok: true, text: `Saved as sample "${r.value.name}"; the template editor offers it.` } : { ok: false, text: r.error.message });
  };

  return (
    <section className="capture-findings" aria-labelledby="capture-findings-title">
      <h3 id="capture-findings-title">Findings</h3>
      <dl className="capture-facts">
        <dt>event_type spelling</dt>
        <dd data-testid="finding-spelling">
          {findings.eventTypeSpelling}
          {findings.eventType !== null && <span className="muted"> (event_type “{findings.eventType}”)</span>}
        </dd>
        <dt>Escaping</dt>
        <dd data-testid="finding-escape">{findings.escapeMode}</dd>
        <dt>Read from</dt>
        <dd>{findings.source === 'probe' ? 'the probe template' : findings.source === 'json' ? 'a JSON event' : 'a body holding no event'}{findings.jsonValid ? '' : ' (not valid JSON)'}</dd>
        <dt>Fields missing</dt>
        <dd>{findings.fields.missing.join(', ') || 'none'}</dd>
        <dt>Fields unknown</dt>
        <dd>{findings.fields.unknown.join(', ') || 'none'}</dd>
        <dt>Fields present</dt>
        <dd>{findings.fields.present.length}</dd>
      </dl>
      {findings.escapeEvidence.length > 0 && (
        <ul className="small capture-evidence">
          {findings.escapeEvidence.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
      {findings.notes.map((n) => (
        <p key={n} className="small muted">
          {n}
        </p>
      ))}
      {Object.keys(findings.valueTypes).length > 0 && (
        <details>
          <summary>Value types</summary>
          <ul className="small capture-types">
            {Object.entries(findings.valueTypes).map(([path, type]) => (
              <li key={path}>
                <code>{path}</code> {type}
              </li>
            ))}
          </ul>
        </details>
      )}
      <div className="capture-actions">
        <button type="button" onClick={() => void apply()} disabled={!settles}>
          Apply to settings
        </button>
        <button type="button" onClick={() => void save()} disabled={!findings.event}>
          Save as sample
        </button>
      </div>
      {message && (
        <p role="status" className={message.ok ? 'ok' : 'error'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
