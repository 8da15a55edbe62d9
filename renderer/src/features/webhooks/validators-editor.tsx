/** Response Validators: a JSON path under `$.data.` and the values it may have. */
import type { FieldIssue } from '../../../../shared/api/result';
import type { ResponseValidator } from '../../../../shared/model/webhook';
import { describe, FieldMessages, ListInput } from '../../components/form-controls';

export function ValidatorsEditor(props: { validators: ResponseValidator[]; issues: FieldIssue[]; onChange: (v: ResponseValidator[]) => void }) {
  const { validators, issues, onChange } = props;
  const set = (i: number, patch: Partial<ResponseValidator>) => onChange(validators.map((v, j) => (j === i ? { ...v, ...patch } : v)));
  return (
    <fieldset className="rows">
      <legend>Response Validators</legend>
      <p className="help">The response body is read as <code>$.data</code>, so <code>$.data.status</code> is the body&apos;s <code>status</code>. Every validator must match one of its values.</p>
      {validators.map((v, i) => (
        <div className="row" key={i}>
          <label className="grow">
            <span>JSON path</span>
            <input type="text" {...describe(issues, `responseValidators.${i}.jsonPath`)} value={v.jsonPath} onChange={(e) => set(i, { jsonPath: e.target.value })} placeholder="$.data.status" />
            <FieldMessages issues={issues} field={`responseValidators.${i}.jsonPath`} />
          </label>
          <label className="grow">
            <span>Expected values (comma-separated)</span>
            <ListInput {...describe(issues, `responseValidators.${i}.expectedValues`)} value={v.expectedValues} onChange={(expectedValues) => set(i, { expectedValues })} />
            <FieldMessages issues={issues} field={`responseValidators.${i}.expectedValues`} />
          </label>
          <button type="button" className="icon" aria-label={`Remove validator ${i + 1}`} onClick={() => onChange(validators.filter((_, j) => j !== i))}>
            ✕
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...validators, { jsonPath: '$.data.', expectedValues: [] }])}>
        Add validator
      </button>
    </fieldset>
  );
}
