/**
 * The Test bar at the bottom of the Add/Edit page: trigger, Test (Ctrl+Enter), progress with Cancel, the
 * verdict with its hints, and "View Invocation Data". It tests what the form holds, saved or not, network
 * settings included (the form's Network fieldset); secrets still shown masked are taken from the saved
 * webhook by the backend.
 */
import { useCallback, useEffect, useState } from 'react';
import { TRIGGERS, type Trigger, type WebhookInput } from '../../../../shared/model/webhook';
import { InvocationPanel } from './invocation-panel';
import { RunProgress, RunRefused, RunVerdict } from './run-status';
import { TargetHintList } from './target-hint-list';
import { useTestRun } from './use-test-run';
import './test-panel.css';

export function TestBar({ webhookId, draft }: { webhookId?: string; draft: WebhookInput }) {
  const { run, start, cancel, elapsedMs } = useTestRun();
  const choices: readonly Trigger[] = draft.triggers.length ? draft.triggers : TRIGGERS;
  const [picked, setPicked] = useState<Trigger>(choices[0] ?? 'RequestCreated');
  const trigger = choices.includes(picked) ? picked : (choices[0] ?? 'RequestCreated');
  const [panelOpen, setPanelOpen] = useState(false);
  // Stable, so the panel's focus effect does not re-run (and move the focus to Close) when the edit page re-renders.
  const closePanel = useCallback(() => setPanelOpen(false), []);
  const running = run.kind === 'running';

  const test = () => {
    if (running) return;
    setPanelOpen(false);
    void start({ webhookId, input: draft, trigger });
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
        // Caught on the way down and stopped: the code editors bind Ctrl+Enter themselves (insert a line
        // below) and stop it there, so a listener waiting for it to bubble never heard it from the template.
        e.preventDefault();
        e.stopPropagation();
        test();
      }
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
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
        <RunProgress run={run} elapsedMs={elapsedMs} onCancel={cancel} verb="Testing…" />
      </div>

      {record && (
        <RunVerdict record={record} labels={{ success: '✓ Test successful', failure: '✗ Test failed' }} panelOpen={panelOpen} onViewData={() => setPanelOpen(true)}>
          <TargetHintList record={record} />
        </RunVerdict>
      )}
      {run.kind === 'refused' && <RunRefused error={run.error} />}
      {record && panelOpen && <InvocationPanel record={record} onClose={closePanel} />}
    </div>
  );
}
