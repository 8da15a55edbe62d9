/**
 * Suggestions for the filter editor: the distinct values each filter field finds in a library of events
 * (the built-in samples and the user's saved ones), so a filter can be picked rather than typed from memory.
 */
import { FILTER_FIELDS, type FilterField } from '../model/webhook';
import { eventValues, jsonPathValues } from './event-values';

/** One value a field takes in the library, and in how many events it occurs. */
export interface FilterSuggestion {
  value: string;
  /** Events holding the value (each event counted once). */
  count: number;
}

/** Values longer than this (whole JSON objects found by a path) are no use as a pick. */
const MAX_VALUE_LENGTH = 120;

const norm = (s: string) => s.trim().toLowerCase();

/**
 * The distinct values of one filter field across `events`: most frequent first, then in order of first
 * appearance (so an event's name comes before its id). Values that differ only in case or surrounding spaces
 * are one value, as filters compare them that way; the first spelling is kept. `path` is needed for
 * `json_path` (an invalid or empty path yields nothing).
 */
export function distinctFilterValues(events: readonly unknown[], field: FilterField, path?: string): FilterSuggestion[] {
  if (field === 'json_path' && !path?.trim()) return [];
  const seen = new Map<string, FilterSuggestion>();
  for (const event of events) {
    const values = field === 'json_path' ? jsonPathValues(event, path!.trim()).values : eventValues(event, field);
    const inThisEvent = new Set<string>();
    for (const value of values) {
      const key = norm(value);
      if (!key || value.length > MAX_VALUE_LENGTH || inThisEvent.has(key)) continue;
      inThisEvent.add(key);
      const entry = seen.get(key);
      if (entry) entry.count += 1;
      else seen.set(key, { value: value.trim(), count: 1 });
    }
  }
  // Array.prototype.sort is stable, so equal counts keep their first-appearance order.
  return [...seen.values()].sort((a, b) => b.count - a.count);
}

/** The distinct values of every field but `json_path` (whose values depend on the path typed). */
export function filterSuggestions(events: readonly unknown[]): Record<Exclude<FilterField, 'json_path'>, FilterSuggestion[]> {
  const fields = FILTER_FIELDS.filter((f): f is Exclude<FilterField, 'json_path'> => f !== 'json_path');
  return Object.fromEntries(fields.map((f) => [f, distinctFilterValues(events, f)])) as Record<Exclude<FilterField, 'json_path'>, FilterSuggestion[]>;
}
