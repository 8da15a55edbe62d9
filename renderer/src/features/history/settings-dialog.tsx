/**
 * History retention and privacy: max invocations, max age, max disk size (blank = no limit), and the
 * webhooks whose bodies are not kept. Saved with `history.updateSettings`; retention applies at once.
 */
import { useEffect, useState } from 'react';
import { parseRetention, retentionText, RETENTION_FIELDS, RETENTION_LABELS, type RetentionField, type RetentionText } from '../../../../shared/history/retention-limits';
import type { HistorySettings } from '../../../../shared/history/types';
import type { Webhook } from '../../../../shared/model/webhook';
import { api } from '../../lib/api';
import { Modal } from './modal';

export function SettingsDialog({ webhooks, onClose }: { webhooks: Webhook[]; onClose(): void }) {
  const [loaded, setLoaded] = useState<HistorySettings | null>(null);
  const [text, setText] = useState<RetentionText>({ maxRecords: '', maxAgeDays: '', maxTotalMb: '' });
  const [omit, setOmit] = useState<Set<string>>(new Set());
  const [issues, setIssues] = useState<Partial<Record<RetentionField, string>>>({});
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  /** The limits awaiting a second Save, and how many invocations they delete. */
  const [confirming, setConfirming] = useState<{ key: string; remove: number; keep: number } | null>(null);

  useEffect(() => {
    void api.history.settings().then((r) => {
      if (!r.ok) return setStatus({ kind: 'error', text: r.error.message });
      setLoaded(r.value);
      setText(retentionText(r.value.retention));
      setOmit(new Set(r.value.omitBodiesFor));
    });
  }, []);

  const save = async () => {
    const parsed = parseRetention(text);
    setIssues(parsed.ok ? {} : parsed.issues);
    if (!parsed.ok) return;
    const retention = parsed.retention;
    // Retention applies at once and cannot be undone: say how many go before they do, and ask once.
    const key = JSON.stringify(retention);
    if (confirming?.key !== key) {
      const preview = await api.history.previewRetention({ retention });
      if (!preview.ok) return setStatus({ kind: 'error', text: preview.error.message });
      if (preview.value.remove > 0) {
        setConfirming({ key, remove: preview.value.remove, keep: preview.value.keep });
        setStatus(null);
        return;
      }
    }
    setConfirming(null);
    const r = await api.history.updateSettings({ retention, omitBodiesFor: [...omit] });
    setStatus(r.ok ? { kind: 'ok', text: 'Saved. Retention applies now; older invocations past a limit are gone.' } : { kind: 'error', text: r.error.message });
  };

  return (
    <Modal title="History settings" onClose={onClose} className="settings-dialog">
      {!loaded ? (
        <p className="muted">Loading…</p>
      ) : (
        <form
          className="settings-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <fieldset>
            <legend>Retention</legend>
            <p className="help">The oldest invocations are dropped first when any limit is passed. Leave a box blank for no limit.</p>
            {RETENTION_FIELDS.map((f) => (
              <div className="field" key={f}>
                <label htmlFor={`retention-${f}`}>{RETENTION_LABELS[f]}</label>
                <input
                  id={`retention-${f}`}
                  inputMode="numeric"
                  value={text[f]}
                  placeholder="No limit"
                  aria-invalid={issues[f] ? true : undefined}
                  aria-describedby={issues[f] ? `retention-${f}-msg` : undefined}
                  onChange={(e) => {
                    setText({ ...text, [f]: e.target.value });
                    setConfirming(null);
                  }}
                />
                {issues[f] && (
                  <p id={`retention-${f}-msg`} className="error small" role="alert">
                    {issues[f]}
                  </p>
                )}
              </div>
            ))}
          </fieldset>
          <fieldset>
            <legend>Don't keep bodies</legend>
            <p className="help">For these webhooks the history keeps headers, status and timings but no event, request or response body (such invocations cannot be replayed).</p>
            {webhooks.length === 0 && <p className="muted small">No webhooks yet.</p>}
            <div className="checks">
              {webhooks.map((w) => (
                <label key={w.id} className="inline">
                  <input
                    type="checkbox"
                    checked={omit.has(w.id)}
                    onChange={(e) => {
                      const next = new Set(omit);
                      if (e.target.checked) next.add(w.id);
                      else next.delete(w.id);
                      setOmit(next);
                    }}
                  />
                  {w.name}
                </label>
              ))}
            </div>
          </fieldset>
          {confirming && (
            <p className="warning small" role="alert" data-testid="retention-preview">
              These limits delete {confirming.remove.toLocaleString()} invocation{confirming.remove === 1 ? '' : 's'} now (the oldest first; {confirming.keep.toLocaleString()} stay). Press{' '}
              <strong>Delete and save</strong> to apply them, or change the limits.
            </p>
          )}
          <div className="action-row">
            <button type="submit" className={confirming ? 'danger' : 'primary'}>
              {confirming ? 'Delete and save' : 'Save'}
            </button>
            {status && (
              <span className={`small ${status.kind === 'ok' ? 'ok' : 'error'}`} role={status.kind === 'ok' ? 'status' : 'alert'}>
                {status.text}
              </span>
            )}
          </div>
        </form>
      )}
    </Modal>
  );
}
