/**
 * The History page's actions inside the invocation panel: the link to the original of a replay, where an
 * imported invocation came from, the two replays, and the exports (curl to the clipboard, HAR and repro
 * bundle as downloads).
 */
import { useState } from 'react';
import type { InvocationRecord } from '../../../../shared/delivery/invocation';
import { api } from '../../lib/api';
import { copyText } from '../test-panel/copy';
import { downloadText } from './download';

export type ReplayMode = 'exact' | 'rerender';

export interface InvocationActionsProps {
  record: InvocationRecord;
  /** Opens another invocation (the original of a replay) in the panel. */
  onOpen(id: string): void;
  onReplay(mode: ReplayMode): void;
  /** A replay of this record is running. */
  replaying: ReplayMode | null;
  replayError: string | null;
}

export function InvocationActions({ record, onOpen, onReplay, replaying, replayError }: InvocationActionsProps) {
  const [reveal, setReveal] = useState(false);
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const canReplay = !record.bodiesOmitted;

  const exportAs = async (format: 'curl' | 'har' | 'bundle') => {
    setBusy(true);
    setStatus(null);
    const r = await api.history.exportInvocation({ id: record.id, format, revealSecrets: format === 'curl' ? reveal : undefined });
    setBusy(false);
    if (!r.ok) {
      setStatus({ kind: 'error', text: r.error.message });
      return;
    }
    if (format === 'curl') {
      const copied = await copyText(r.value.text);
      const env = r.value.envVars.length ? ` Set ${r.value.envVars.join(', ')} before running it.` : '';
      setStatus(copied ? { kind: 'ok', text: `Copied the curl command.${env}` } : { kind: 'error', text: 'Could not copy to the clipboard; allow clipboard access for this page and try again.' });
      return;
    }
    downloadText(r.value.text, r.value.fileName);
    setStatus({ kind: 'ok', text: `Downloaded ${r.value.fileName}.` });
  };

  return (
    <div className="invocation-actions">
      {record.replayOf && (
        <p className="replay-link small">
          Replay of{' '}
          <button type="button" className="link" onClick={() => onOpen(record.replayOf!)}>
            invocation {record.replayOf.slice(0, 8)}
          </button>
        </p>
      )}
      {record.importedFrom && (
        <p className="imported-from small" title={record.importedFrom.originalId}>
          Imported from invocation {record.importedFrom.originalId.slice(0, 8)} of {new Date(record.importedFrom.startedAt).toLocaleString()}
        </p>
      )}
      <div className="action-row" role="group" aria-label="Replay">
        <button type="button" onClick={() => onReplay('exact')} disabled={!canReplay || replaying !== null} title="Re-send the recorded method, URL, headers and body; secrets from today's configuration">
          {replaying === 'exact' ? 'Replaying…' : 'Replay exactly'}
        </button>
        <button type="button" onClick={() => onReplay('rerender')} disabled={!canReplay || replaying !== null} title="Render the webhook's current template against this event and send it with today's settings">
          {replaying === 'rerender' ? 'Re-rendering…' : 'Re-render with current template'}
        </button>
        {replaying && <span className="spinner" aria-hidden="true" />}
        {!canReplay && <span className="muted small">Bodies were not kept for this webhook, so there is nothing to re-send.</span>}
      </div>
      {replayError && (
        <p className="error small" role="alert">
          Replay refused: {replayError}
        </p>
      )}
      <div className="action-row" role="group" aria-label="Export">
        <button type="button" onClick={() => void exportAs('curl')} disabled={busy}>
          Copy as curl
        </button>
        <label className="inline small">
          <input type="checkbox" checked={reveal} onChange={(e) => setReveal(e.target.checked)} />
          Reveal secrets
        </label>
        <button type="button" onClick={() => void exportAs('har')} disabled={busy}>
          Download HAR
        </button>
        <button type="button" onClick={() => void exportAs('bundle')} disabled={busy}>
          Download repro bundle
        </button>
      </div>
      {status && (
        <p className={`small ${status.kind === 'ok' ? 'ok' : 'error'}`} role={status.kind === 'ok' ? 'status' : 'alert'}>
          {status.text}
        </p>
      )}
      {reveal && <p className="notice small">The curl command will hold secrets in clear: do not paste it into tickets or chats.</p>}
    </div>
  );
}
