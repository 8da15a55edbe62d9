/**
 * Hooksmith's prediction against the captured bytes for a webhook (picked, or matched by the capture's path),
 * in the replay diff's viewer.
 */
import { useEffect, useState } from 'react';
import type { CaptureDiff } from '../../../../shared/api/capture-api';
import type { Webhook } from '../../../../shared/model/webhook';
import { DiffViewer } from '../../editor/lazy-editors';
import { api } from '../../lib/api';

export function PredictionPanel({ id }: { id: string }) {
  const [webhooks, setWebhooks] = useState<Webhook[]>([]);
  const [webhookId, setWebhookId] = useState('');
  const [diff, setDiff] = useState<CaptureDiff | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void api.webhooks.list().then((r) => r.ok && setWebhooks(r.value));
  }, []);

  const compare = async () => {
    const r = await api.capture.diff({ id, ...(webhookId ? { webhookId } : {}) });
    if (r.ok) {
      setDiff(r.value);
      setError(null);
    } else {
      setDiff(null);
      setError(r.error.message);
    }
  };

  return (
    <section className="capture-prediction" aria-labelledby="capture-prediction-title">
      <h3 id="capture-prediction-title">Prediction vs reality</h3>
      <div className="capture-row">
        <label htmlFor="capture-webhook">Webhook</label>
        <select id="capture-webhook" value={webhookId} onChange={(e) => setWebhookId(e.target.value)}>
          <option value="">Match by the capture’s path</option>
          {webhooks.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => void compare()}>
          Compare
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {diff && (
        <>
          <p role="status" className={diff.equal ? 'ok' : 'error'} data-testid="prediction-summary">
            {diff.webhookName}: {diff.summary}
          </p>
          <p className="small muted">
            Predicted with escaping {diff.escapeMode} and spelling {diff.eventTypeStyle}, for the event from {diff.eventFrom}. Left: Hooksmith’s prediction; right: what was sent.
          </p>
          {!diff.equal && <DiffViewer path={`capture-${id}-${diff.webhookId}-${diff.escapeMode}-${diff.eventTypeStyle}`} original={diff.predicted} modified={diff.received} language="plaintext" ariaLabel="Prediction vs captured body" height={320} />}
        </>
      )}
    </section>
  );
}
