/** One webhook's truth table: its triggers and filters against every sample and edge case, with each body. */
import { useEffect, useMemo, useState } from 'react';
import type { Webhook } from '../../../../shared/model/webhook';
import { truthTable } from '../../../../shared/simulator';
import { api } from '../../lib/api';
import { routeHref } from '../../app/use-route';
import { CellDetail, VerdictBadge } from './verdict-view';
import { useSimSettings } from './use-sim-settings';
import { useBodies, type BodyRequest } from './use-bodies';
import { useSampleLibrary } from '../webhooks/use-sample-library';
import { isSavedSampleId } from '../../../../shared/payload/user-samples';

export function TruthTablePage({ id }: { id: string }) {
  const settings = useSimSettings();
  const [webhook, setWebhook] = useState<Webhook>();
  const [error, setError] = useState<string>();
  const [chosen, setChosen] = useState<number>();
  useEffect(() => {
    void api.webhooks.get({ id }).then((r) => (r.ok ? setWebhook(r.value) : setError(r.error.message)));
  }, [id]);
  const library = useSampleLibrary();
  const samples = useMemo(() => [...library.builtIn, ...library.saved], [library.builtIn, library.saved]);
  const verdicts = useMemo(() => (webhook ? truthTable(webhook, { samples, render: false }) : []), [webhook, samples]);
  const requests = useMemo<BodyRequest[]>(
    () => verdicts.flatMap((r, i) => (r.cell.verdict.kind === 'fires' && webhook ? [{ key: String(i), template: webhook.bodyTemplate, event: samples[i]!.event }] : [])),
    [verdicts, webhook, samples],
  );
  const { bodies } = useBodies(requests, settings.escapeMode);
  const rows = verdicts.map((r, i) => ({ ...r, cell: { ...r.cell, rendered: bodies.get(String(i)) } }));

  if (error) return <p className="error" role="alert">{error}</p>;
  if (!webhook) return <p className="muted">Loading…</p>;
  const fired = rows.filter((r) => r.cell.verdict.kind === 'fires').length;
  const row = chosen === undefined ? undefined : rows[chosen];

  return (
    <section aria-labelledby="tt-title" className="simulator">
      <div className="page-head">
        <h1 id="tt-title">Truth table: {webhook.name}</h1>
        <a href={routeHref({ page: 'edit', id })}>Back to the webhook</a>
      </div>
      <p className="muted">
        {webhook.active ? 'Active' : 'Inactive'} · triggers {webhook.triggers.join(', ')} · {webhook.filters.length} filter{webhook.filters.length === 1 ? '' : 's'}. It fires for{' '}
        {fired} of {rows.length} sample events. Edge cases are Created events; a saved sample is the event its event_type names (Created when it names
        none).
      </p>
      {library.error && <p className="error small">{library.error}</p>}
      <table className="sim-table truth-table">
        <thead>
          <tr>
            <th scope="col">Sample event</th>
            <th scope="col">Trigger</th>
            <th scope="col">Result</th>
            <th scope="col">Why not</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.sampleId} aria-selected={chosen === i}>
              <th scope="row">
                <button type="button" className="link" onClick={() => setChosen(i)}>
                  {r.edgeCase ? 'Edge case: ' : isSavedSampleId(r.sampleId) ? 'Saved: ' : ''}
                  {r.label}
                </button>
              </th>
              <td>{r.trigger}</td>
              <td>
                <VerdictBadge cell={r.cell} />
              </td>
              <td className="reason">{'reason' in r.cell.verdict ? r.cell.verdict.reason : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {row && <CellDetail title={row.label} cell={row.cell} />}
    </section>
  );
}
