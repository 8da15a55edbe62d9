/** Filters: each narrows on one field; several values match any of them, several filters must all match. */
import type { FieldIssue } from '../../../../shared/api/result';
import { FILTER_FIELDS, type FilterField, type WebhookFilter } from '../../../../shared/model/webhook';
import { describe, FieldMessages, ListInput } from '../../components/form-controls';

const LABELS: Record<FilterField, string> = {
  integration: 'Integration',
  integration_type: 'Integration type',
  resource_type: 'Resource type',
  resource: 'Resource',
  permission: 'Permission',
  access_flow: 'Access flow',
  bundle: 'Bundle',
  requester: 'Requester',
  grantee: 'Grantee',
  approval: 'Approval',
  json_path: 'JSON path',
};

export function FiltersEditor(props: { filters: WebhookFilter[]; issues: FieldIssue[]; onChange: (f: WebhookFilter[]) => void }) {
  const { filters, issues, onChange } = props;
  const set = (i: number, patch: Partial<WebhookFilter>) => onChange(filters.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  return (
    <fieldset className="rows">
      <legend>Filters</legend>
      <p className="help">Values within a filter match any of them; all filters must match. (Apono&apos;s own semantics are undocumented; this is Hooksmith&apos;s rule.)</p>
      {filters.map((f, i) => (
        <div className="row" key={i}>
          <label>
            <span>Field</span>
            <select aria-label="Field" value={f.field} onChange={(e) => set(i, { field: e.target.value as FilterField })}>
              {FILTER_FIELDS.map((k) => (
                <option key={k} value={k}>
                  {LABELS[k]}
                </option>
              ))}
            </select>
          </label>
          {f.field === 'json_path' && (
            <label className="grow">
              <span>Path</span>
              <input type="text" {...describe(issues, `filters.${i}.path`)} value={f.path ?? ''} onChange={(e) => set(i, { path: e.target.value })} placeholder="$.data.access_flow.name" />
              <FieldMessages issues={issues} field={`filters.${i}.path`} />
            </label>
          )}
          <label className="grow">
            <span>Values (comma-separated)</span>
            <ListInput {...describe(issues, `filters.${i}.values`)} value={f.values} onChange={(values) => set(i, { values })} />
            <FieldMessages issues={issues} field={`filters.${i}.values`} />
          </label>
          <button type="button" className="icon" aria-label={`Remove filter ${i + 1}`} onClick={() => onChange(filters.filter((_, j) => j !== i))}>
            ✕
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...filters, { field: 'integration', values: [] }])}>
        Add filter
      </button>
    </fieldset>
  );
}
