/** Headers as Key/Value rows (up to 10), each optionally marked secret. */
import type { FieldIssue } from '../../../../shared/api/result';
import { MAX_HEADERS, type WebhookHeader } from '../../../../shared/model/webhook';
import { describe, FieldMessages } from '../../components/form-controls';

export function HeadersEditor(props: { headers: WebhookHeader[]; issues: FieldIssue[]; onChange: (h: WebhookHeader[]) => void }) {
  const { headers, issues, onChange } = props;
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
          <label className="grow">
            <span>Value</span>
            <input
              type={h.secret ? 'password' : 'text'}
              {...describe(issues, `headers.${i}.value`)}
              value={h.value}
              onChange={(e) => set(i, { value: e.target.value })}
              placeholder={h.secret ? 'secret or ${env:NAME}' : 'value'}
              autoComplete="off"
            />
            <FieldMessages issues={issues} field={`headers.${i}.value`} />
          </label>
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
