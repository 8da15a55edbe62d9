/** Headers as Key/Value rows (up to 10), each optionally marked secret. */
import type { FieldIssue } from '../../../../shared/api/result';
import { MAX_HEADERS, type WebhookHeader } from '../../../../shared/model/webhook';
import { describe, fieldId, FieldMessages } from '../../components/form-controls';
import { SecretInput } from './secret-input';

export function HeadersEditor(props: { headers: WebhookHeader[]; issues: FieldIssue[]; onChange: (h: WebhookHeader[]) => void; webhookId?: string }) {
  const { headers, issues, onChange, webhookId } = props;
  const set = (i: number, patch: Partial<WebhookHeader>) => onChange(headers.map((h, j) => (j === i ? { ...h, ...patch } : h)));
  return (
    <fieldset className="rows">
      <legend>Headers</legend>
      <p className="help">Custom authentication goes here too, e.g. DD-API-KEY for Datadog. Mark a value secret to keep it out of exports.</p>
      {headers.map((h, i) => (
        <div className="row" key={i}>
          <label className="grow">
            <span>Key</span>
            <input type="text" {...describe(issues, `headers.${i}.key`)} value={h.key} onChange={(e) => set(i, { key: e.target.value })} placeholder="X-Api-Key" />
            <FieldMessages issues={issues} field={`headers.${i}.key`} />
          </label>
          {/* Not a wrapping label: the Show button inside would become part of the field's name. */}
          <div className="grow label-like">
            <label htmlFor={fieldId(`headers.${i}.value`)}>Value</label>
            {h.secret ? (
              <SecretInput
                field={`headers.${i}.value`}
                what={h.key || 'value'}
                value={h.value}
                onChange={(value) => set(i, { value })}
                issues={issues}
                webhookId={webhookId}
                placeholder="secret or ${env:NAME}"
              />
            ) : (
              <input type="text" {...describe(issues, `headers.${i}.value`)} value={h.value} onChange={(e) => set(i, { value: e.target.value })} placeholder="value" autoComplete="off" />
            )}
            <FieldMessages issues={issues} field={`headers.${i}.value`} />
          </div>
          <label className="inline">
            <input type="checkbox" checked={!!h.secret} onChange={(e) => set(i, { secret: e.target.checked })} />
            Secret
          </label>
          <button type="button" className="icon" aria-label={`Remove header ${h.key || i + 1}`} onClick={() => onChange(headers.filter((_, j) => j !== i))}>
            ✕
          </button>
        </div>
      ))}
      <FieldMessages issues={issues} field="headers" />
      <button type="button" disabled={headers.length >= MAX_HEADERS} onClick={() => onChange([...headers, { key: '', value: '' }])}>
        Add header
      </button>
      {headers.length >= MAX_HEADERS && <p className="help">Apono allows at most {MAX_HEADERS} headers.</p>}
    </fieldset>
  );
}
