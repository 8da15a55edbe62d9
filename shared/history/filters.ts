/**
 * The history page's filters as the user types them, turned into a {@link HistoryQuery}. Pure, so the
 * parsing and the error messages are tested without a browser.
 */
import type { Outcome } from '../delivery/invocation';
import type { HistoryQuery, HistorySortKey } from './types';

/** Time ranges offered in the filter bar; `custom` uses `from`/`to`. */
export const TIME_RANGES = [
  { value: 'any', label: 'Any time', ms: null },
  { value: '15m', label: 'Last 15 minutes', ms: 15 * 60_000 },
  { value: '1h', label: 'Last hour', ms: 3_600_000 },
  { value: '24h', label: 'Last 24 hours', ms: 86_400_000 },
  { value: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
  { value: '30d', label: 'Last 30 days', ms: 30 * 86_400_000 },
  { value: 'custom', label: 'Custom…', ms: null },
] as const;
export type TimeRange = (typeof TIME_RANGES)[number]['value'];

/** What the filter bar holds. Empty strings mean "no filter". */
export interface HistoryFilters {
  webhookId: string;
  outcome: '' | Outcome;
  trigger: string;
  range: TimeRange;
  /** `datetime-local` values (local time), used when `range` is `custom`. */
  from: string;
  to: string;
  /** `503`, `5xx`, or `0` for "no response". */
  status: string;
  /**
   * An Apono request (its readable `friendly_id` or its `id`), or a requester's email when it holds an `@`: a
   * lookup in the history's request index, instant at any size (unlike `text`, which reads records).
   */
  request: string;
  text: string;
}

export const EMPTY_FILTERS: HistoryFilters = { webhookId: '', outcome: '', trigger: '', range: 'any', from: '', to: '', status: '', request: '', text: '' };

/** A filter the user has to fix, by field. */
export interface FilterIssue {
  field: 'status' | 'from' | 'to';
  message: string;
}

/** Parses the HTTP status box: a code (`503`), a class (`5xx`) or `0` (no response). */
export function parseStatusFilter(text: string): { ok: true; value: number | string | undefined } | { ok: false; message: string } {
  const t = text.trim().toLowerCase();
  if (t === '') return { ok: true, value: undefined };
  if (/^[1-5]xx$/.test(t)) return { ok: true, value: t };
  if (/^\d{1,3}$/.test(t) && (Number(t) === 0 || (Number(t) >= 100 && Number(t) <= 599))) return { ok: true, value: Number(t) };
  return { ok: false, message: `HTTP status: "${text.trim()}" is not a status; write a code like 503, a class like 5xx, or 0 for "no response".` };
}

/** The query for the filters, sort and page size, or the issues to fix first. `now` anchors relative ranges. */
export function buildHistoryQuery(
  f: HistoryFilters,
  sort: { key: HistorySortKey; direction: 'asc' | 'desc' },
  now: number,
  limit = 200,
): { ok: true; query: HistoryQuery } | { ok: false; issues: FilterIssue[] } {
  const issues: FilterIssue[] = [];
  const q: HistoryQuery = { sort: sort.key, direction: sort.direction, limit };
  if (f.webhookId) q.webhookId = f.webhookId;
  if (f.outcome) q.outcome = f.outcome;
  if (f.trigger) q.trigger = f.trigger;
  const status = parseStatusFilter(f.status);
  if (!status.ok) issues.push({ field: 'status', message: status.message });
  else if (status.value !== undefined) q.status = status.value;
  const range = TIME_RANGES.find((r) => r.value === f.range);
  if (range?.ms) q.since = new Date(now - range.ms).toISOString();
  if (f.range === 'custom') {
    const from = f.from ? Date.parse(f.from) : NaN;
    const to = f.to ? Date.parse(f.to) : NaN;
    if (f.from && Number.isNaN(from)) issues.push({ field: 'from', message: 'From: not a date and time; pick one in the calendar.' });
    if (f.to && Number.isNaN(to)) issues.push({ field: 'to', message: 'To: not a date and time; pick one in the calendar.' });
    if (!Number.isNaN(from) && !Number.isNaN(to) && to <= from) issues.push({ field: 'to', message: 'To: must be after From; pick a later time or clear it.' });
    if (!Number.isNaN(from)) q.since = new Date(from).toISOString();
    if (!Number.isNaN(to)) q.until = new Date(to).toISOString();
  }
  Object.assign(q, requestFilter(f.request));
  const text = f.text.trim();
  if (text) q.text = text;
  return issues.length ? { ok: false, issues } : { ok: true, query: q };
}

/** The request box as a query: an email (it has an `@`) is a requester, anything else a request id; empty is none. */
export function requestFilter(text: string): Pick<HistoryQuery, 'requestId' | 'requester'> {
  const t = text.trim();
  if (!t) return {};
  return t.includes('@') ? { requester: t } : { requestId: t };
}
