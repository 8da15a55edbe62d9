/** The "Send all that fire" button, its confirmation (how many requests, to which hosts), progress and tally. */
import { useState } from 'react';
import { describePlan, outcomeLabel, type PlannedSend } from '../../../../shared/simulator';
import type { CellSend } from './use-send-all';

export function SendAllBar(props: { plan: PlannedSend[]; hosts: string[]; sends: Map<string, CellSend>; running: boolean; onSend: () => void; onStop: () => void }) {
  const { plan, hosts, sends, running } = props;
  const [confirming, setConfirming] = useState(false);
  const finished = [...sends.values()];
  const done = finished.filter((s) => s.kind === 'done' || s.kind === 'refused').length;
  const ok = finished.filter((s) => s.kind === 'done' && s.record.outcome === 'Success').length;
  return (
    <div className="send-all" role="group" aria-label="Send all that fire">
      {!confirming && (
        <button type="button" onClick={() => setConfirming(true)} disabled={running || plan.length === 0}>
          Send all that fire{plan.length ? ` (${plan.length})` : ''}
        </button>
      )}
      {confirming && (
        <div className="confirm-send" role="alertdialog" aria-labelledby="confirm-send-text">
          <p id="confirm-send-text">
            <strong>{describePlan(plan.length, hosts)}</strong> Each goes out for real, in lifecycle order, and is recorded in the history.
          </p>
          <button
            type="button"
            className="primary"
            autoFocus
            onClick={() => {
              setConfirming(false);
              props.onSend();
            }}
          >
            Send {plan.length} request{plan.length === 1 ? '' : 's'}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      )}
      {running && (
        <>
          <span className="spinner" aria-hidden="true" />
          <span role="status">
            Sending… {done} of {sends.size} done
          </span>
          <button type="button" onClick={props.onStop}>
            Stop
          </button>
        </>
      )}
      {!running && sends.size > 0 && (
        <span role="status" className={ok === done ? 'ok' : 'error'}>
          Sent {done}: {ok} succeeded{done - ok ? `, ${done - ok} failed or not sent` : ''}. Open a cell&apos;s result to see its invocation.
        </span>
      )}
    </div>
  );
}

/** A sent cell's outcome; a button that opens its invocation when there is one. */
export function SentOutcome({ send, label, onOpen }: { send: CellSend; label: string; onOpen: () => void }) {
  if (send.kind === 'queued') return <span className="sent-outcome muted small">queued</span>;
  if (send.kind === 'sending') return <span className="sent-outcome muted small">sending…</span>;
  if (send.kind === 'refused') {
    return (
      <span className="sent-outcome error small" title={send.message}>
        ✗ not sent
      </span>
    );
  }
  const text = outcomeLabel(send.record);
  return (
    <button type="button" className={`link sent-outcome small ${send.record.outcome === 'Success' ? 'ok' : 'error'}`} aria-label={`Open invocation ${label}: ${text}`} onClick={onOpen}>
      {send.record.outcome === 'Success' ? '✓' : '✗'} {text}
    </button>
  );
}
