/**
 * The Test bar at the bottom of the Add/Edit page: trigger, Test (Ctrl+Enter), progress with Cancel, the
 * verdict with its hints, and "View Invocation Data". It tests what the form holds, saved or not, network
 * settings included (the form's Network fieldset); secrets still shown masked are taken from the saved
 * webhook by the backend.
 */
import { useEffect, useState } from 'react';
import { formatMs } from '../../../../shared/delivery/format';
import { TRIGGERS, type Trigger, type WebhookInput } from '../../../../shared/model/webhook';
import { InvocationPanel } from './invocation-panel';
import { TargetHintList } from './target-hint-list';
import { useTestRun } from './use-test-run';
import './test-panel.css';

export function TestBar({ webhookId, draft }: { webhookId?: string; draft: WebhookInput }) {
  const { run, start, cancel, elapsedMs } = useTestRun();
  const choices: readonly Trigger[] = draft.triggers.length ? draft.triggers : TRIGGERS;
  const [picked, setPicked] = useState<Trigger>(choices[0] ?? 'RequestCreated');
  const trigger = choices.includes(picked) ? picked : (choices[0] ?? 'RequestCreated');
  const [panelOpen, setPanelOpen] = useState(false);
  const running = run.kind === 'running';

  const test = () => {
    if (running) return;
    setPanelOpen(false);
    void start({ webhookId, input: draft, trigger });
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
        e.preventDefault();
        test();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const record = run.kind === 'done' ? run.record : null;
  return (
    <div className="test-bar" role="group" aria-label="Test webhook">
      <div className="test-controls">
        <label className="inline">
          <span>Send as</span>
          <select value={trigger} onChange={(e) => setPicked(e.target.value as Trigger)} disabled={running} aria-label="Trigger to test">
            {choices.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <button type="button" onClick={test} disabled={running} aria-keyshortcuts="Control+Enter">
          Test
        </button>
        <span className="muted small">Ctrl+Enter</span>
        {running && (
          <>
            <span className="spinner" aria-hidden="true" />
            <span role="status">
              {run.cancelling ? 'Cancelling…' : 'Testing…'} <span className="elapsed">{formatMs(elapsedMs)}</span>
            </span>
            <button type="button" onClick={cancel} disabled={run.cancelling}>
              Cancel
            </button>
          </>
        )}
      </div>

      {record && (
        <div className="test-result" role="status">
          <p className={record.outcome === 'Success' ? 'verdict ok' : 'verdict error'}>
            {record.outcome === 'Success' ? '✓ Test successful' : '✗ Test failed'}
            <span className="muted">
              {' '}
              {record.response ? `· ${record.response.status} ${record.response.statusText} ` : ''}· {formatMs(record.durationMs)}
            </span>
          </p>
          {record.error && (
            <p className="hint">
              {record.error.message} {record.error.hint}
            </p>
          )}
          <TargetHintList record={record} />
          <button type="button" onClick={() => setPanelOpen(true)} aria-expanded={panelOpen}>
            View Invocation Data
          </button>
        </div>
      )}
      {run.kind === 'refused' && (
        <div className="test-result" role="alert">
          <p className="verdict error">Not sent: {run.error.issues?.length ? 'fix these first.' : run.error.message}</p>
          {run.error.issues && (
            <ul className="issues">
              {run.error.issues.map((i) => (
                <li key={`${i.field}${i.message}`}>
                  <code>{i.field}</code>: {i.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {record && panelOpen && <InvocationPanel record={record} onClose={() => setPanelOpen(false)} />}
    </div>
  );
}
