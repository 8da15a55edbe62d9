/**
 * Hooksmith's filter rule (Apono's own is undocumented, spec §3.3; stated in docs/filters.md):
 *
 * - a filter matches when the event has at least one of its values (any-of within a filter);
 * - a webhook's filters all have to match (all-of across filters); no filters match everything;
 * - a field the event lacks never matches, except `approval`, where no approval records mean `auto`;
 * - values compare trimmed and ignoring case.
 */
import type { WebhookFilter } from '../model/webhook';
import { eventValues, jsonPathValues } from './event-values';

/** How one filter fared against one event. */
export interface FilterOutcome {
  /** 0-based position in the webhook's filter list. */
  index: number;
  filter: WebhookFilter;
  matched: boolean;
  /** The values the event has for the filter's field (what a failed filter saw). */
  present: string[];
  /** The filter value that matched, when one did. */
  matchedValue?: string;
  /** Set when the filter could not be evaluated (an invalid JSONPath). */
  error?: string;
}

/** All filters against one event. `reason` explains the first failed filter. */
export interface FiltersResult {
  pass: boolean;
  outcomes: FilterOutcome[];
  failed?: FilterOutcome;
  reason?: string;
}

const norm = (s: string) => s.trim().toLowerCase();

/** Evaluates one filter. */
export function evaluateFilter(filter: WebhookFilter, event: unknown, index = 0): FilterOutcome {
  let present: string[];
  let error: string | undefined;
  if (filter.field === 'json_path') {
    const r = jsonPathValues(event, filter.path ?? '');
    present = r.values;
    error = r.error;
  } else {
    present = eventValues(event, filter.field);
  }
  const have = new Set(present.map(norm));
  const matchedValue = filter.values.find((v) => have.has(norm(v)));
  return { index, filter, matched: matchedValue !== undefined, present, ...(matchedValue !== undefined ? { matchedValue } : {}), ...(error ? { error } : {}) };
}

/** Evaluates every filter of a webhook (all of them, so a UI can show each one's outcome). */
export function evaluateFilters(filters: readonly WebhookFilter[], event: unknown): FiltersResult {
  const outcomes = filters.map((f, i) => evaluateFilter(f, event, i));
  const failed = outcomes.find((o) => !o.matched);
  return failed ? { pass: false, outcomes, failed, reason: describeFailure(failed) } : { pass: true, outcomes };
}

/** A name for a filter as the user wrote it: `integration` or `json_path $.data.x`. */
export function filterLabel(filter: WebhookFilter): string {
  return filter.field === 'json_path' ? `json_path ${filter.path ?? ''}` : filter.field;
}

/**
 * Why a filter failed, e.g. `filter 2 (integration) wants "aws prod"; the event has "prod db", "integration-1"`.
 */
export function describeFailure(o: FilterOutcome): string {
  const wants = o.filter.values.map((v) => JSON.stringify(v)).join(' or ');
  const head = `filter ${o.index + 1} (${filterLabel(o.filter)}) wants ${wants}`;
  if (o.error) return `${head}; ${o.error}`;
  if (o.present.length === 0) return `${head}; the event has no ${o.filter.field === 'json_path' ? 'value at that path' : o.filter.field.replace('_', ' ')}`;
  const shown = o.present.slice(0, 6).map((v) => JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}…` : v));
  return `${head}; the event has ${shown.join(', ')}${o.present.length > 6 ? ` and ${o.present.length - 6} more` : ''}`;
}
