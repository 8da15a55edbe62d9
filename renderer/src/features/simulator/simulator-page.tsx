/**
 * The lifecycle simulator: a base request (a sample or pasted JSON), a lifecycle, and for every saved webhook
 * and every step whether it fires or why not; choosing a cell shows the body it would send.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Webhook } from '../../../../shared/model/webhook';
import { useSampleLibrary } from '../webhooks/use-sample-library';
import { isSavedSampleId } from '../../../../shared/payload/user-samples';
import type { RequestEvent } from '../../../../shared/payload/request-event';
import type { InvocationRecord } from '../../../../shared/delivery/invocation';
import { LIFECYCLE_LABELS, LIFECYCLE_NAMES, parseBaseRequest, planHosts, sendPlan, simulateLifecycle, type LifecycleName } from '../../../../shared/simulator';
import { api } from '../../lib/api';
import { routeHref } from '../../app/use-route';
import { InvocationPanel } from '../test-panel/invocation-panel';
import '../test-panel/test-panel.css';
import { CellDetail, VerdictBadge } from './verdict-view';
import { useSimSettings } from './use-sim-settings';
import { useBodies, type BodyRequest } from './use-bodies';
import { SendAllBar, SentOutcome } from './send-all';
import { useSendAll } from './use-send-all';

const PASTE = 'paste';

/** Parses pasted JSON into a base request, or says what is wrong with it. */
function parseBase(text: string): { event?: RequestEvent; error?: string } {
  const r = parseBaseRequest(text);
  return r.ok ? { event: r.event } : { error: `Pasted request: ${r.problem}` };
}

export function SimulatorPage() {
  const settings = useSimSettings();
  const library = useSampleLibrary();
  const samples = useMemo(() => [...library.builtIn, ...library.saved], [library.builtIn, library.saved]);
  const [webhooks, setWebhooks] = useState<Webhook[]>();
  const [loadError, setLoadError] = useState<string>();
  const [source, setSource] = useState(samples[0]!.id);
  const [pasted, setPasted] = useState(() => JSON.stringify(samples[0]!.event, null, 2));
  const [lifecycle, setLifecycle] = useState<LifecycleName>('granted');
  const [chosen, setChosen] = useState<{ step: number; webhook: number }>();
  const [opened, setOpened] = useState<InvocationRecord>();
  const closeOpened = useCallback(() => setOpened(undefined), []);
  const sendAll = useSendAll();
  const { clear: clearSends } = sendAll;

  useEffect(() => {
    void api.webhooks.list().then((r) => (r.ok ? setWebhooks(r.value) : setLoadError(r.error.message)));
  }, []);

  // "Edit as JSON…" starts from the request picked before it, so picking a sample and then editing it works.
  const pickSource = (next: string) => {
    const current = samples.find((s) => s.id === source);
    if (next === PASTE && current) setPasted(JSON.stringify(current.event, null, 2));
    setSource(next);
    setChosen(undefined);
  };
  const base = useMemo(() => (source === PASTE ? parseBase(pasted) : { event: samples.find((s) => s.id === source)?.event }), [source, pasted, samples]);
  const verdicts = useMemo(
    () => (base.event && webhooks ? simulateLifecycle(webhooks, base.event, lifecycle, { render: false }) : undefined),
    [base.event, webhooks, lifecycle],
  );
  const requests = useMemo<BodyRequest[]>(
    () =>
      (verdicts ?? []).flatMap((s, i) =>
        s.cells.flatMap((c, j) => (c.verdict.kind === 'fires' ? [{ key: `${i}:${j}`, template: webhooks![j]!.bodyTemplate, event: s.event }] : [])),
      ),
    [verdicts, webhooks],
  );
  const plan = useMemo(() => sendPlan(verdicts ?? []), [verdicts]);
  const hosts = useMemo(() => planHosts(plan, (webhooks ?? []).map((w) => w.url)), [plan, webhooks]);
  // Outcomes belong to the table they were sent from: another request or lifecycle starts afresh.
  useEffect(() => clearSends(), [verdicts, clearSends]);
  const { bodies, error: renderError } = useBodies(requests, settings.escapeMode);
  const steps = verdicts?.map((s, i) => ({ ...s, cells: s.cells.map((c, j) => ({ ...c, rendered: bodies.get(`${i}:${j}`) })) }));
  const cell = chosen && steps?.[chosen.step]?.cells[chosen.webhook];
  const refusals = plan.flatMap((p) => {
    const sent = sendAll.sends.get(p.key);
    return sent?.kind === 'refused' ? [`${p.trigger} × ${webhooks?.[p.webhook]?.name ?? ''}: ${sent.message}`] : [];
  });

  return (
    <section aria-labelledby="sim-title" className="simulator">
      <div className="page-head">
        <h1 id="sim-title">Lifecycle simulator</h1>
      </div>
      <p className="muted">
        Plays one access request through a lifecycle and shows, for every saved webhook, whether it fires at each step. Nothing is sent until you press
        Send all that fire. Filters follow Hooksmith&apos;s rule: values within a filter match any of them, all filters must match.
      </p>
      <div className="sim-controls">
        <label className="field">
          <span className="label">Base request</span>
          <select value={source} disabled={sendAll.running} onChange={(e) => pickSource(e.target.value)}>
            {samples.map((s) => (
              <option key={s.id} value={s.id}>
                {s.edgeCase ? 'Edge case: ' : isSavedSampleId(s.id) ? 'Saved: ' : 'Sample: '}
                {s.label}
              </option>
            ))}
            <option value={PASTE}>Edit as JSON…</option>
          </select>
        </label>
        <fieldset className="lifecycles">
          <legend>Lifecycle</legend>
          {LIFECYCLE_NAMES.map((name) => (
            <label key={name} className="inline">
              <input type="radio" name="lifecycle" value={name} checked={lifecycle === name} disabled={sendAll.running} onChange={() => (setLifecycle(name), setChosen(undefined))} />
              {LIFECYCLE_LABELS[name]}
            </label>
          ))}
        </fieldset>
      </div>
      {source === PASTE && (
        <label className="field">
          <span className="label">Request JSON</span>
          <textarea className="code" rows={10} spellCheck={false} value={pasted} onChange={(e) => setPasted(e.target.value)} aria-invalid={base.error ? true : undefined} />
          {base.error && <span className="error">{base.error}</span>}
        </label>
      )}
      {(loadError ?? renderError) && (
        <p className="error" role="alert">
          {loadError ?? renderError}
        </p>
      )}
      {webhooks?.length === 0 && (
        <p className="empty-state">
          No saved webhooks to simulate. <a href={routeHref({ page: 'presets' })}>Add a webhook</a> first.
        </p>
      )}
      {steps && webhooks && webhooks.length > 0 && (
        <SendAllBar plan={plan} hosts={hosts} sends={sendAll.sends} running={sendAll.running} onSend={() => void sendAll.send(plan, webhooks.map((w) => w.id))} onStop={sendAll.stop} />
      )}
      {steps && webhooks && webhooks.length > 0 && (
        <div className="table-scroll">
          <table className="sim-table">
            <caption className="visually-hidden">Step by webhook: fires, or why not</caption>
            <thead>
              <tr>
                <th scope="col">Step</th>
                {webhooks.map((w) => (
                  <th scope="col" key={w.id}>
                    <a href={routeHref({ page: 'edit', id: w.id })}>{w.name}</a>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {steps.map((s, i) => (
                <tr key={s.trigger}>
                  <th scope="row">
                    {s.trigger.replace(/^Request/, '')}
                    <span className="muted step-type">{s.event.event_type}</span>
                  </th>
                  {s.cells.map((c, j) => (
                    <td key={webhooks[j]!.id}>
                      <button
                        type="button"
                        className="cell-button"
                        aria-pressed={chosen?.step === i && chosen.webhook === j}
                        aria-label={`${s.trigger} × ${c.webhook}: ${c.verdict.kind.replace(/-/g, ' ')}`}
                        onClick={() => setChosen({ step: i, webhook: j })}
                      >
                        <VerdictBadge cell={c} />
                      </button>
                      {sendAll.sends.get(`${i}:${j}`) && (
                        <SentOutcome
                          send={sendAll.sends.get(`${i}:${j}`)!}
                          label={`${s.trigger} × ${c.webhook}`}
                          onOpen={() => {
                            const sent = sendAll.sends.get(`${i}:${j}`);
                            if (sent?.kind === 'done') setOpened(sent.record);
                          }}
                        />
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {refusals.length > 0 && (
        <ul className="refusals" aria-label="Not sent">
          {refusals.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
      {cell && steps && chosen && <CellDetail title={`${steps[chosen.step]!.trigger} × ${cell.webhook}`} cell={cell} />}
      {opened && <InvocationPanel record={opened} onClose={closeOpened} />}
    </section>
  );
}
