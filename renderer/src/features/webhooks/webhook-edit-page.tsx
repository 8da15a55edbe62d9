/** The Add/Edit Webhook page: every field of the model, errors beside their fields, Ctrl+S to save. */
import { SaveControls, useSaveShortcut } from '../../components/save-status';
import { useMemo, useRef, useState, type FocusEvent, type FormEvent } from 'react';
import type { FieldIssue } from '../../../../shared/api/result';
import { HTTP_METHODS, TRIGGERS, type HttpMethod, type Trigger } from '../../../../shared/model/webhook';
import { describe, Field, fieldId, FieldMessages } from '../../components/form-controls';
import { routeHref } from '../../app/use-route';
import { TemplateEditor } from '../template/template-editor';
import { TestBar } from '../test-panel/test-bar';
import { AuthEditor } from './auth-editor';
import { FiltersEditor } from './filters-editor';
import { HeadersEditor } from './headers-editor';
import { ValidatorsEditor } from './validators-editor';
import { useWebhookDraft } from './use-webhook-draft';
import { PresetSetup } from '../presets/preset-setup';
import { TruthSummary } from '../simulator/truth-summary';
import { useSampleLibrary } from './use-sample-library';
import { NetworkEditor } from './network-editor';
import { ContractPicker } from './contract-picker';
import { findContract, plannedHeaders } from '../../../../shared/contracts';

export function WebhookEditPage({ id, preset }: { id?: string; preset?: string }) {
  const { savedId, draft, loadError, issues, save, dirty, submitted, update, submit } = useWebhookDraft(id, preset);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  // A field counts as left once the user typed in it: tabbing through (or away from the autofocused Name)
  // on a fresh form must not paint it red before anything was written.
  const edited = useRef(new Set<string>());
  const library = useSampleLibrary();
  // The truth table covers the whole library: the built-in samples and the ones the user saved.
  const librarySamples = useMemo(() => [...library.builtIn, ...library.saved], [library.builtIn, library.saved]);

  useSaveShortcut(submit);
  // What each sample's request is checked against, besides JSON: the target's documented rules.
  const contract = draft?.contract === undefined ? undefined : findContract(draft.contract);
  const target = useMemo(
    () => (contract && draft ? { contract, url: draft.url, headers: plannedHeaders(draft) } : undefined),
    [contract, draft],
  );

  if (loadError) return <p className="error" role="alert">{loadError}</p>;
  if (!draft) return <p className="muted">Loading…</p>;

  // Before the first save, errors show only for fields the user has left; warnings always show.
  const shown: FieldIssue[] = issues.filter((i) => submitted || i.severity === 'warning' || touched.has(fieldId(i.field)));
  const onInput = (e: FormEvent<HTMLFormElement>) => {
    if (e.target instanceof HTMLElement && e.target.id) edited.current.add(e.target.id);
  };
  const onBlur = (e: FocusEvent<HTMLFormElement>) => {
    const target = e.target.id;
    if (target && edited.current.has(target) && !touched.has(target)) setTouched(new Set(touched).add(target));
  };
  const toggleTrigger = (t: Trigger, on: boolean) =>
    update({ triggers: on ? TRIGGERS.filter((x) => x === t || draft.triggers.includes(x)) : draft.triggers.filter((x) => x !== t) });

  return (
    <form
      className="webhook-form"
      noValidate
      onBlur={onBlur}
      onInput={onInput}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="page-head">
        <h1>{savedId ? `Edit Webhook` : 'Add Webhook'}</h1>
        {savedId && <a href={routeHref({ page: 'truth-table', id: savedId })}>Truth table</a>}
        {savedId && <a href={routeHref({ page: 'history', webhookId: savedId })}>History</a>}
        <a href={routeHref({ page: 'webhooks' })}>Back to webhooks</a>
      </div>
      {!savedId && preset && <PresetSetup id={preset} />}

      <Field label="Name" field="name" issues={shown} help="Unique; letters and digits only.">
        <input type="text" {...describe(shown, 'name')} value={draft.name} onChange={(e) => update({ name: e.target.value })} autoFocus={!savedId} />
      </Field>

      <div className="field">
        <span className="label" id="status-label">Status</span>
        <label className="switch">
          <input type="checkbox" role="switch" aria-labelledby="status-label" checked={draft.active} onChange={(e) => update({ active: e.target.checked })} />
          <span>{draft.active ? 'Active' : 'Inactive'}</span>
        </label>
      </div>

      <div className="field-row">
        <Field label="Method" field="method" issues={shown}>
          <select {...describe(shown, 'method')} value={draft.method} onChange={(e) => update({ method: e.target.value as HttpMethod })}>
            {HTTP_METHODS.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </Field>
        <div className="grow">
          <Field label="URL" field="url" issues={shown} help="HTTPS, no custom port.">
            <input type="url" {...describe(shown, 'url')} value={draft.url} onChange={(e) => update({ url: e.target.value })} placeholder="https://example.com/hooks/apono" />
          </Field>
        </div>
      </div>

      <Field label="Body Template" field="bodyTemplate" issues={shown} help="Handlebars; the rendered result must be JSON.">
        <TemplateEditor {...describe(shown, 'bodyTemplate')} label="Body Template" value={draft.bodyTemplate} onChange={(bodyTemplate) => update({ bodyTemplate })} target={target} />
      </Field>
      <ContractPicker value={draft.contract} issues={shown} onChange={(contract) => update({ contract })} />

      <HeadersEditor headers={draft.headers} issues={shown} onChange={(headers) => update({ headers })} webhookId={savedId} />
      <AuthEditor auth={draft.auth} issues={shown} onChange={(auth) => update({ auth })} webhookId={savedId} />

      <fieldset>
        <legend>Triggers</legend>
        <div className="checks" id={fieldId('triggers')}>
          {TRIGGERS.map((t) => (
            <label key={t} className="inline">
              <input type="checkbox" checked={draft.triggers.includes(t)} onChange={(e) => toggleTrigger(t, e.target.checked)} />
              {t}
            </label>
          ))}
        </div>
        <FieldMessages issues={shown} field="triggers" />
      </fieldset>

      <FiltersEditor filters={draft.filters} issues={shown} library={library} onChange={(filters) => update({ filters })} />
      <TruthSummary draft={draft} samples={librarySamples} savedId={savedId} dirty={dirty} />

      <Field label="Timeout in seconds" field="timeoutSeconds" issues={shown} help="Optional; empty uses the default (30 s).">
        <input
          type="number"
          min={1}
          step={1}
          {...describe(shown, 'timeoutSeconds')}
          value={draft.timeoutSeconds ?? ''}
          onChange={(e) => update({ timeoutSeconds: e.target.value === '' ? null : Number(e.target.value) })}
        />
      </Field>

      <ValidatorsEditor validators={draft.responseValidators} issues={shown} onChange={(responseValidators) => update({ responseValidators })} />
      <NetworkEditor network={draft.network} issues={shown} onChange={(network) => update({ network })} />

      <div className="form-actions">
        <SaveControls label="Save Webhook" save={save} dirty={dirty} />
        <TestBar webhookId={savedId} draft={draft} />
      </div>
    </form>
  );
}
