/** Filters over the request payload: see evaluate-filters.ts for the rule and docs/filters.md for users. */
export { evaluateFilter, evaluateFilters, describeFailure, filterLabel, type FilterOutcome, type FiltersResult } from './evaluate-filters';
export { eventValues, jsonPathValues } from './event-values';
export { distinctFilterValues, filterSuggestions, type FilterSuggestion } from './suggestions';
