/**
 * "Invoke manually…": send a saved webhook once, on demand, with trigger `Manual` and an event the user
 * picks from the sample library or pastes; the same delivery as the Test button, recorded in the history.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { Webhook } from '../../../../shared/model/webhook';
import { parseSampleText } from '../../../../shared/payload/user-samples';
import { InvocationPanel } from '../test-panel/invocation-panel';
import { RunProgress, RunRefused, RunVerdict } from '../test-panel/run-status';
import { useTestRun } from '../test-panel/use-test-run';
import { useSampleLibrary } from './use-sample-library';
import { hostOf } from '../../../../shared/util/host-of';
import '../test-panel/test-panel.css';
import './manual-invoke.css';

const PASTE = 'paste';
const DEFAULT_SAMPLE = 'trigger-Manual';

export function ManualInvokeDialog({ webhook, onClose }: { webhook: Webhook; onClose: () => void }) {
  const titleId = useId();
  const library = useSampleLibrary();
  const { run, start, cancel, elapsedMs } = useTestRun();
  const [source, setSource] = useState(DEFAULT_SAMPLE);
  const [pasted, setPasted] = useState('');
  const [panelOpen, setPanelOpen] = useState(false);
  const closePanel = useCallback(() => setPanelOpen(false), []);
  const firstRef = useRef<HTMLSelectElement>(null);
  const running = run.kind === 'running';

  const all = [...library.builtIn, ...library.saved];
  const parsed = source === PASTE ? (pasted.trim() ? parseSampleText(pasted) : undefined) : undefined;
  const event = source === PASTE ? (parsed?.ok ? parsed.event : undefined) : all.find((s) => s.id === source)?.event;

  // Focus the first control on open and give the focus back to the row menu's button on close.
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    firstRef.current?.focus();
    return () => opener?.focus();
  }, []);
  // Escape closes the dialog, unless the invocation panel (which handles its own Escape) is open above it.
  useEffect(() => {
    if (panelOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !running) {
        e.preventDefault();
        onClose();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [panelOpen, running, onClose]);

  const send = () => {
    if (running || event === undefined) return;
    setPanelOpen(false);
    void start({ webhookId: webhook.id, trigger: 'Manual', event });
  };
  const record = run.kind === 'done' ? run.record : null;

  return (
    <div className="modal-backdrop">
      <div className="modal manual-invoke" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <h2 id={titleId}>Invoke {webhook.name} manually</h2>
        <p className="muted small">
          Sends once to <strong>{hostOf(webhook.url)}</strong> with the trigger <code>Manual</code>, whatever its triggers, filters and status. The
          invocation is recorded in the history.
        </p>
        <label className="field">
          <span className="label">Event</span>
          <select ref={firstRef} value={source} onChange={(e) => setSource(e.target.value)} disabled={running}>
            <optgroup label="Samples">
              {library.builtIn.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.edgeCase ? 'Edge case: ' : ''}
                  {s.label}
                </option>
              ))}
            </optgroup>
            {library.saved.length > 0 && (
              <optgroup label="Saved samples">
                {library.saved.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.label}
                  </option>
                ))}
              </optgroup>
            )}
            <option value={PASTE}>Paste JSON…</option>
          </select>
        </label>
        {source === PASTE && (
          <label className="field">
            <span className="label">Event JSON</span>
            <textarea
              className="code"
              rows={8}
              spellCheck={false}
              value={pasted}
              onChange={(e) => setPasted(e.target.value)}
              aria-invalid={parsed && !parsed.ok ? true : undefined}
              placeholder='{ "event_type": "Manual", "data": { … } }'
            />
            {parsed && !parsed.ok && <span className="error">{parsed.message}</span>}
          </label>
        )}
        <div className="modal-actions">
          <button type="button" className="primary" onClick={send} disabled={running || event === undefined}>
            Send
          </button>
          <RunProgress run={run} elapsedMs={elapsedMs} onCancel={cancel} verb="Sending…" />
          <button type="button" className="close-dialog" onClick={onClose} disabled={running}>
            Close
          </button>
        </div>
        {record && (
          <RunVerdict record={record} labels={{ success: '✓ Invocation successful', failure: '✗ Invocation failed' }} panelOpen={panelOpen} onViewData={() => setPanelOpen(true)} />
        )}
        {run.kind === 'refused' && <RunRefused error={run.error} />}
      </div>
      {record && panelOpen && <InvocationPanel record={record} onClose={closePanel} />}
    </div>
  );
}
