import { describe, expect, it } from 'vitest';
import { documentedExample, sampleForTrigger } from '../payload/samples';
import { edgeCaseSamples } from '../payload/samples-edge';
import type { WebhookFilter } from '../model/webhook';
import { evaluateFilter, evaluateFilters } from './evaluate-filters';

const created = documentedExample();
const granted = sampleForTrigger('RequestGranted');
const edge = (id: string) => edgeCaseSamples().find((s) => s.id === `edge-${id}`)!.event;
const f = (field: WebhookFilter['field'], ...values: string[]): WebhookFilter => ({ field, values });

describe('filters: any-of within one filter', () => {
  it('matches when any value is present, naming the value', () => {
    const o = evaluateFilter(f('integration', 'aws prod', 'prod db'), created);
    expect(o).toMatchObject({ matched: true, matchedValue: 'prod db' });
  });

  it('fails when none is present, listing what the event had', () => {
    const r = evaluateFilters([f('integration', 'aws prod', 'snowflake')], created);
    expect(r.pass).toBe(false);
    expect(r.failed?.present).toEqual(['prod db', 'integration-1']);
    expect(r.reason).toBe('filter 1 (integration) wants "aws prod" or "snowflake"; the event has "prod db", "integration-1"');
  });

  it('matches any of several access groups and units', () => {
    expect(evaluateFilter(f('integration_type', 'AWS Account'), granted).matched).toBe(true);
    expect(evaluateFilter(f('resource', 'audit-logs'), granted).matched).toBe(true);
    expect(evaluateFilter(f('permission', 'read'), granted).matched).toBe(true);
    expect(evaluateFilter(f('resource_type', 'Postgresql/Database'), granted).matched).toBe(true);
  });

  it('compares trimmed and ignoring case; accepts names or ids', () => {
    expect(evaluateFilter(f('requester', '  USER@example.COM '), created).matched).toBe(true);
    expect(evaluateFilter(f('requester', 'user-1'), created).matched).toBe(true);
    expect(evaluateFilter(f('access_flow', 'flow 1'), created).matched).toBe(true);
    expect(evaluateFilter(f('bundle', 'bundle-1'), created).matched).toBe(true);
    expect(evaluateFilter(f('grantee', '00u9contractor'), granted).matched).toBe(true);
  });
});

describe('filters: all-of across filters', () => {
  it('passes only when every filter matches, and reports the first that does not', () => {
    const filters = [f('integration', 'prod db'), f('requester', 'user@example.com'), f('bundle', 'Bundle 9')];
    const r = evaluateFilters(filters, created);
    expect(r.outcomes.map((o) => o.matched)).toEqual([true, true, false]);
    expect(r.pass).toBe(false);
    expect(r.failed?.index).toBe(2);
    expect(evaluateFilters(filters.slice(0, 2), created).pass).toBe(true);
  });

  it('no filters match every event', () => {
    expect(evaluateFilters([], edge('empty-arrays')).pass).toBe(true);
  });
});

describe('filters: missing fields never match', () => {
  it('a request without a bundle or grantee fails bundle and grantee filters', () => {
    const r = evaluateFilters([f('bundle', 'Bundle 1')], edge('no-bundle-no-grantee'));
    expect(r.reason).toBe('filter 1 (bundle) wants "Bundle 1"; the event has no bundle');
    expect(evaluateFilter(f('grantee', 'Casey Contractor'), created).matched).toBe(false);
  });

  it('no access groups fail integration, resource and permission filters', () => {
    const e = edge('empty-arrays');
    for (const field of ['integration', 'integration_type', 'resource_type', 'resource', 'permission'] as const) {
      expect(evaluateFilter(f(field, 'x'), e)).toMatchObject({ matched: false, present: [] });
    }
  });

  it('a payload that is not an event matches nothing', () => {
    expect(evaluateFilter(f('requester', 'x'), { nope: 1 }).matched).toBe(false);
    expect(evaluateFilter(f('requester', 'x'), null).matched).toBe(false);
  });
});

describe('filters: approval', () => {
  it('manual when approval records exist, with each status; auto when there are none', () => {
    expect(evaluateFilter(f('approval', 'manual'), created)).toMatchObject({ matched: true, present: ['manual', 'Pending'] });
    expect(evaluateFilter(f('approval', 'approved'), granted).matched).toBe(true);
    expect(evaluateFilter(f('approval', 'approved'), created).matched).toBe(false);
    expect(evaluateFilter(f('approval', 'auto'), edge('empty-arrays'))).toMatchObject({ matched: true, present: ['auto'] });
    const noKey = structuredClone(created) as unknown as { data: Record<string, unknown> };
    delete noKey.data.approvals;
    expect(evaluateFilter(f('approval', 'auto'), noKey).matched).toBe(true);
  });
});

describe('filters: json_path', () => {
  it('matches any value the path finds, printed as text', () => {
    const fp = (path: string, ...values: string[]): WebhookFilter => ({ field: 'json_path', path, values });
    expect(evaluateFilter(fp('$.data.access_groups[*].integration.name', 'aws prod'), granted).matched).toBe(true);
    expect(evaluateFilter(fp('$.data.access_duration_in_seconds', '3600'), created).matched).toBe(true);
    expect(evaluateFilter(fp('$.data.custom_fields.env', 'prod'), created)).toMatchObject({ matched: false, present: [] });
    expect(evaluateFilters([fp('$.data.custom_fields.env', 'prod')], created).reason).toMatch(/the event has no value at that path/);
  });

  it('reports an invalid path instead of throwing', () => {
    const o = evaluateFilter({ field: 'json_path', path: '$..[?(@.a ==', values: ['x'] }, created);
    expect(o.matched).toBe(false);
    expect(o.error).toMatch(/invalid JSONPath/);
  });
});
