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
    const r = await api.history.updateSettings({ retention: parsed.retention, omitBodiesFor: [...omit] });
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
                  onChange={(e) => setText({ ...text, [f]: e.target.value })}
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
          <div className="action-row">
            <button type="submit" className="primary">
              Save
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
