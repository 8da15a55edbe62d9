/** The Webhooks table: name, method, target host, triggers, the status dot and a row menu. */
import { useCallback, useEffect, useState } from 'react';
import type { Webhook } from '../../../../shared/model/webhook';
import { api } from '../../lib/api';
import { navigate } from '../../app/use-route';
import { RowMenu } from './row-menu';
import { ManualInvokeDialog } from './manual-invoke-dialog';
import { INSECURE_TLS_WARNING } from '../../../../shared/model/network';
import { hostOf } from '../../../../shared/util/host-of';
import './network-editor.css';

export function WebhooksPage() {
  const [webhooks, setWebhooks] = useState<Webhook[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [invoking, setInvoking] = useState<Webhook>();
  const closeInvoke = useCallback(() => setInvoking(undefined), []);

  const reload = useCallback(async () => {
    const r = await api.webhooks.list();
    if (r.ok) {
      setWebhooks(r.value);
      setError(undefined);
    } else setError(r.error.message);
  }, []);
  useEffect(() => void reload(), [reload]);

  const act = async (run: () => Promise<{ ok: boolean; error?: { message: string } }>) => {
    const r = await run();
    if (!r.ok) setError(r.error?.message);
    await reload();
  };

  const add = () => navigate({ page: 'presets' });

  return (
    <section aria-labelledby="webhooks-title">
      <div className="page-head">
        <h1 id="webhooks-title">Webhooks</h1>
        <button type="button" className="primary" onClick={add}>
          Add Webhook
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {webhooks === undefined ? (
        <p className="muted">Loading…</p>
      ) : webhooks.length === 0 ? (
        <div className="empty-state">
          <h2>No webhooks yet</h2>
          <p>Create a webhook to send Apono access-request events to Slack, Okta Workflows, Datadog or any HTTPS endpoint.</p>
          <button type="button" className="primary" onClick={add}>
            Add Webhook
          </button>
        </div>
      ) : (
        <table className="webhooks-table">
          <thead>
            <tr>
              <th scope="col">Status</th>
              <th scope="col">Name</th>
              <th scope="col">Method</th>
              <th scope="col">Target</th>
              <th scope="col">Triggers</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {webhooks.map((w) => (
              <tr key={w.id} data-testid={`webhook-row-${w.name}`}>
                <td>
                  <span
                    className={`dot ${w.active ? 'dot-active' : 'dot-inactive'}`}
                    role="img"
                    aria-label={w.active ? 'Active' : 'Inactive'}
                    title={w.active ? 'Active' : 'Inactive'}
                  />
                </td>
                <td>
                  <a href={`#/webhooks/${encodeURIComponent(w.id)}`}>{w.name}</a>
                  {w.network?.insecureTls && (
                    <span className="tls-off-marker" role="img" aria-label="TLS verification off" title={INSECURE_TLS_WARNING}>
                      ⚠ TLS verification off
                    </span>
                  )}
                </td>
                <td>
                  <code>{w.method}</code>
                </td>
                <td title={w.url}>{hostOf(w.url)}</td>
                <td className="triggers">{w.triggers.join(', ')}</td>
                <td className="row-actions">
                  <RowMenu
                    label={`Actions for ${w.name}`}
                    items={[
                      { label: 'Edit', run: () => navigate({ page: 'edit', id: w.id }) },
                      { label: 'History', run: () => navigate({ page: 'history', webhookId: w.id }) },
                      { label: 'Invoke manually…', run: () => setInvoking(w) },
                      w.active
                        ? { label: 'Deactivate', run: () => act(() => api.webhooks.setActive({ id: w.id, active: false })) }
                        : { label: 'Activate', run: () => act(() => api.webhooks.setActive({ id: w.id, active: true })) },
                      { label: 'Duplicate', run: () => act(() => api.webhooks.duplicate({ id: w.id })) },
                      {
                        label: 'Delete',
                        danger: true,
                        run: () => {
                          if (window.confirm(`Delete the webhook "${w.name}"? This cannot be undone.`)) {
                            void act(() => api.webhooks.remove({ id: w.id }));
                          }
                        },
                      },
                    ]}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {invoking && <ManualInvokeDialog webhook={invoking} onClose={closeInvoke} />}
    </section>
  );
}
