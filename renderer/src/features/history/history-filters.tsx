/** The filter bar: webhook, result, trigger, time range (or a custom one), HTTP status and text search. */
import { TIME_RANGES, type FilterIssue, type HistoryFilters, type TimeRange } from '../../../../shared/history/filters';
import { TRIGGERS } from '../../../../shared/model/webhook';
import type { Webhook } from '../../../../shared/model/webhook';

export interface FilterBarProps {
  value: HistoryFilters;
  onChange(next: HistoryFilters): void;
  /** The search box's text as typed (the query gets it debounced). */
  search: string;
  onSearch(text: string): void;
  webhooks: Webhook[];
  issues: FilterIssue[];
}

export function FilterBar({ value, onChange, search, onSearch, webhooks, issues }: FilterBarProps) {
  const set = <K extends keyof HistoryFilters>(k: K, v: HistoryFilters[K]) => onChange({ ...value, [k]: v });
  const issue = (field: FilterIssue['field']) => issues.find((i) => i.field === field);
  const invalid = (field: FilterIssue['field']) => (issue(field) ? { 'aria-invalid': true, 'aria-describedby': `filter-${field}-msg` } : {});
  return (
    <div className="history-filters" role="search" aria-label="Filter invocations">
      <div className="filter search-filter">
        <label htmlFor="filter-text">Search</label>
        <input id="filter-text" type="search" value={search} placeholder="URL, headers or bodies" onChange={(e) => onSearch(e.target.value)} />
      </div>
      <div className="filter">
        <label htmlFor="filter-webhook">Webhook</label>
        <select id="filter-webhook" value={value.webhookId} onChange={(e) => set('webhookId', e.target.value)}>
          <option value="">All webhooks</option>
          {webhooks.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
          {value.webhookId && !webhooks.some((w) => w.id === value.webhookId) && <option value={value.webhookId}>(deleted webhook)</option>}
        </select>
      </div>
      <div className="filter">
        <label htmlFor="filter-outcome">Result</label>
        <select id="filter-outcome" value={value.outcome} onChange={(e) => set('outcome', e.target.value as HistoryFilters['outcome'])}>
          <option value="">Any</option>
          <option value="Success">Success</option>
          <option value="Failure">Failure</option>
        </select>
      </div>
      <div className="filter">
        <label htmlFor="filter-trigger">Trigger</label>
        <select id="filter-trigger" value={value.trigger} onChange={(e) => set('trigger', e.target.value)}>
          <option value="">Any</option>
          {TRIGGERS.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor="filter-range">Time</label>
        <select id="filter-range" value={value.range} onChange={(e) => set('range', e.target.value as TimeRange)}>
          {TIME_RANGES.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
      </div>
      {value.range === 'custom' && (
        <>
          <div className="filter">
            <label htmlFor="filter-from">From</label>
            <input id="filter-from" type="datetime-local" value={value.from} onChange={(e) => set('from', e.target.value)} {...invalid('from')} />
          </div>
          <div className="filter">
            <label htmlFor="filter-to">To</label>
            <input id="filter-to" type="datetime-local" value={value.to} onChange={(e) => set('to', e.target.value)} {...invalid('to')} />
          </div>
        </>
      )}
      <div className="filter request-filter">
        <label htmlFor="filter-request">Apono request</label>
        <input id="filter-request" type="search" value={value.request} placeholder="Request id or requester email" onChange={(e) => set('request', e.target.value)} />
      </div>
      <div className="filter status-filter">
        <label htmlFor="filter-status">HTTP status</label>
        <input id="filter-status" value={value.status} placeholder="503, 5xx, 0" onChange={(e) => set('status', e.target.value)} {...invalid('status')} />
      </div>
      {issues.length > 0 && (
        <div className="filter-issues" role="alert">
          {issues.map((i) => (
            <p key={i.field} id={`filter-${i.field}-msg`} className="error small">
              {i.message}
            </p>
          ))}
        </div>
      )}
    </div>
  );
}
