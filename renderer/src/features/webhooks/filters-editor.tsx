/** Filters: each narrows on one field; several values match any of them, several filters must all match. */
import { useMemo } from 'react';
import type { FieldIssue } from '../../../../shared/api/result';
import { distinctFilterValues } from '../../../../shared/filters';
import { FILTER_FIELDS, type FilterField, type WebhookFilter } from '../../../../shared/model/webhook';
import { describe, FieldMessages } from '../../components/form-controls';
import type { SampleLibrary } from './use-sample-library';
import { ValuesCombobox } from './values-combobox';

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

/** `library` supplies the values each filter suggests. */
export function FiltersEditor(props: { filters: WebhookFilter[]; issues: FieldIssue[]; library: SampleLibrary; onChange: (f: WebhookFilter[]) => void }) {
  const { filters, issues, library, onChange } = props;
  const events = useMemo(() => [...library.builtIn, ...library.saved].map((s) => s.event), [library.builtIn, library.saved]);
  const set = (i: number, patch: Partial<WebhookFilter>) => onChange(filters.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  return (
    <fieldset className="rows">
      <legend>Filters</legend>
      <div className="filter-rule" role="note" aria-label="How filters match">
        <p>
          <strong>Matching rule</strong> (Hooksmith&apos;s; Apono does not document its own):
        </p>
        <ul>
          <li>several values in one filter: the event needs <strong>any one</strong> of them;</li>
          <li>several filters: <strong>all</strong> must match;</li>
          <li>an event without the field never matches (for Approval, no approvals means &quot;auto&quot;). Values compare ignoring case.</li>
        </ul>
      </div>
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
          <div className="grow">
            <FilterValues filter={f} events={events} issues={issues} index={i} onChange={(values) => set(i, { values })} />
          </div>
          <button type="button" className="icon" aria-label={`Remove filter ${i + 1}`} onClick={() => onChange(filters.filter((_, j) => j !== i))}>
            ✕
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...filters, { field: 'integration', values: [] }])}>
        Add filter
      </button>
      <p className="help">
        Suggestions come from {library.builtIn.length} built-in and {library.saved.length} saved sample{library.saved.length === 1 ? '' : 's'} (save more in the template editor&apos;s sample
        picker); any other value can be typed.
      </p>
      {library.error && <p className="warning">{library.error}</p>}
    </fieldset>
  );
}

function FilterValues(props: { filter: WebhookFilter; events: unknown[]; issues: FieldIssue[]; index: number; onChange: (values: string[]) => void }) {
  const { filter, events, issues, index } = props;
  const suggestions = useMemo(() => distinctFilterValues(events, filter.field, filter.path), [events, filter.field, filter.path]);
  const field = `filters.${index}.values`;
  return (
    <>
      <ValuesCombobox {...describe(issues, field)} label="Values" values={filter.values} suggestions={suggestions} onChange={props.onChange} />
      <FieldMessages issues={issues} field={field} />
    </>
  );
}
