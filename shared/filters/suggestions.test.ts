import { describe, expect, it } from 'vitest';
import { documentedExample, sampleForTrigger, allSamples } from '../payload/samples';
import { edgeCaseSamples } from '../payload/samples-edge';
import { evaluateFilter } from './evaluate-filters';
import { distinctFilterValues, filterSuggestions } from './suggestions';

const created = documentedExample();
const granted = sampleForTrigger('RequestGranted');
const edge = (id: string) => edgeCaseSamples().find((s) => s.id === `edge-${id}`)!.event;

describe('distinct filter values from a sample library', () => {
  it('lists each value once, counting the events that hold it, most frequent first', () => {
    expect(distinctFilterValues([created, granted, created], 'integration_type')).toEqual([
      { value: 'Postgresql', count: 3 },
      { value: 'AWS Account', count: 1 },
    ]);
  });

  it('keeps first appearance among equal counts, so a name comes before its id', () => {
    expect(distinctFilterValues([created], 'integration').map((s) => s.value)).toEqual(['prod db', 'integration-1']);
  });

  it('merges values that differ only in case or spaces, keeping the first spelling', () => {
    const shouting = structuredClone(created);
    shouting.data.access_groups[0]!.integration.name = '  PROD DB ';
    expect(distinctFilterValues([created, shouting], 'integration')[0]).toEqual({ value: 'prod db', count: 2 });
  });

  it('skips events lacking the field and payloads that are not events', () => {
    expect(distinctFilterValues([edge('no-bundle-no-grantee'), { nope: 1 }, null, 'text'], 'bundle')).toEqual([]);
    expect(distinctFilterValues([created, edge('no-bundle-no-grantee')], 'bundle').map((s) => s.count)).toEqual([1, 1]);
  });

  it('offers approval states, including auto for requests without approvals', () => {
    const values = distinctFilterValues(allSamples().map((s) => s.event), 'approval').map((s) => s.value);
    expect(values).toEqual(expect.arrayContaining(['manual', 'auto', 'Pending', 'Approved', 'Rejected']));
  });

  it('reads json_path values at the given path, and nothing without a valid path', () => {
    expect(distinctFilterValues([created, granted], 'json_path', ' $.data.access_duration_in_seconds ')).toEqual([{ value: '3600', count: 2 }]);
    expect(distinctFilterValues([created], 'json_path')).toEqual([]);
    expect(distinctFilterValues([created], 'json_path', '$..[?(@.a ==')).toEqual([]);
    // Whole objects are no use as a pick.
    expect(distinctFilterValues([created], 'json_path', '$.data')).toEqual([]);
  });

  it('every suggestion, used as a filter value, matches the events it came from', () => {
    const events = allSamples().map((s) => s.event);
    const all = filterSuggestions(events);
    expect(Object.keys(all)).not.toContain('json_path');
    for (const [field, suggestions] of Object.entries(all)) {
      expect(suggestions.length, field).toBeGreaterThan(0);
      for (const { value, count } of suggestions.slice(0, 10)) {
        const matching = events.filter((e) => evaluateFilter({ field: field as keyof typeof all, values: [value] }, e).matched);
        expect(matching.length, `${field}=${value}`).toBe(count);
      }
    }
  });
});
