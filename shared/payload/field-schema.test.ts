import { describe, expect, it } from 'vitest';
import { childrenOf, elementOf, findField, flattenFields, searchFields } from './field-schema';
import { AUDIT_SCHEMA, INTEGRATION_SCHEMA } from './other-schemas';
import { REQUEST_SCHEMA } from './request-schema';

describe('field schema', () => {
  it('finds fields by path, through array indexes', () => {
    expect(findField(REQUEST_SCHEMA, ['data', 'requester', 'email'])?.type).toBe('string');
    expect(findField(REQUEST_SCHEMA, ['data', 'access_groups', 0, 'integration', 'name'])?.example).toBe('prod db');
    expect(findField(REQUEST_SCHEMA, ['data', 'access_groups', '0', 'access_units', 3, 'permission'])?.type).toBe('object');
    expect(findField(REQUEST_SCHEMA, ['data', 'requestor'])).toBeUndefined();
    expect(findField(REQUEST_SCHEMA, ['data', 'access_groups', 'integration'])).toBeUndefined();
  });

  it('lists children and array elements', () => {
    expect(childrenOf(REQUEST_SCHEMA, ['data', 'access_groups']).map((f) => f.name)).toEqual(['integration', 'resource_types', 'access_units']);
    expect(elementOf(REQUEST_SCHEMA, ['data', 'approvals'])?.children?.map((c) => c.name)).toContain('approver');
    expect(childrenOf(INTEGRATION_SCHEMA, ['data', 'issues']).map((f) => f.name)).toEqual(['status', 'message']);
    expect(findField(AUDIT_SCHEMA, ['data', 'current_target_object'])?.children).toBeUndefined();
  });

  it('marks the optional fields the spec calls out', () => {
    for (const p of [['data', 'access_bundle'], ['data', 'grantee'], ['data', 'revocation_date'], ['data', 'custom_fields']]) {
      expect(findField(REQUEST_SCHEMA, p)?.optional, p.join('.')).toBe(true);
    }
    expect(findField(REQUEST_SCHEMA, ['data', 'approvals'])?.minItems).toBe(0);
  });

  it('flattens to a searchable tree with ancestors kept', () => {
    const rows = flattenFields(REQUEST_SCHEMA);
    expect(rows.map((r) => r.path)).toContain('data.access_groups[].access_units[].resource.type.display_path');
    expect(rows.find((r) => r.path === 'data.access_groups[].integration.name')?.handlebarsPath).toBe('data.access_groups.[0].integration.name');
    expect(rows.every((r) => r.field.description.length > 0)).toBe(true);
    const hits = searchFields(REQUEST_SCHEMA, 'approver email').map((r) => r.path);
    expect(hits).toEqual(['data', 'data.approvals', 'data.approvals[].approver', 'data.approvals[].approver.email']);
  });
});
