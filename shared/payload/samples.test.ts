import { describe, expect, it } from 'vitest';
import { TRIGGERS } from '../model/webhook';
import { childField, type FieldSchema } from './field-schema';
import { REQUEST_SCHEMA } from './request-schema';
import { eventTypeFor } from './request-event';
import { allSamples, documentedExample, triggerSamples } from './samples';
import { edgeCaseSamples, eventWithAccessUnits } from './samples-edge';

/** Every problem of a value against a schema field: unknown keys, missing required keys, wrong types. */
function problems(f: FieldSchema, value: unknown, path: string): string[] {
  const type = Array.isArray(value) ? 'array' : typeof value;
  if (type !== f.type) return [`${path}: expected ${f.type}, got ${type}`];
  if (f.type === 'array') {
    const el = f.element;
    return el ? (value as unknown[]).flatMap((v, i) => problems(el, v, `${path}[${i}]`)) : [];
  }
  if (f.type !== 'object' || !f.children) return [];
  const obj = value as Record<string, unknown>;
  const out: string[] = [];
  for (const key of Object.keys(obj)) {
    const kid = childField(f, key);
    if (!kid) out.push(`${path}.${key}: not in schema`);
    else out.push(...problems(kid, obj[key], `${path}.${key}`));
  }
  for (const kid of f.children) if (!kid.optional && !(kid.name in obj)) out.push(`${path}.${kid.name}: missing`);
  return out;
}

describe('samples', () => {
  it('all conform to the request schema', () => {
    for (const s of allSamples()) {
      expect(problems(REQUEST_SCHEMA.root, s.event, s.id), s.id).toEqual([]);
    }
  });

  it('cover every trigger once, with the spelling style applied', () => {
    expect(triggerSamples().map((s) => s.trigger)).toEqual([...TRIGGERS]);
    expect(triggerSamples('RequestCreated').map((s) => s.event.event_type)).toEqual([...TRIGGERS]);
    expect(triggerSamples()[0]?.event.event_type).toBe('AccessRequestCreated');
    expect(eventTypeFor('RequestGranted', 'AccessRequestCreated')).toBe('AccessRequestGranted');
  });

  it('agree with the request lifecycle', () => {
    for (const s of triggerSamples()) {
      const d = s.event.data;
      expect(s.event.event_time).toBeGreaterThanOrEqual(d.creation_date - 1);
      if (d.revocation_date !== undefined) expect(d.revocation_date).toBeGreaterThan(d.creation_date);
      const statuses = d.approvals.map((a) => a.status);
      if (s.trigger === 'RequestCreated') expect(statuses).toEqual(['Pending']);
      if (s.trigger === 'RequestApproved' || s.trigger === 'RequestGranted') expect(new Set(statuses)).toEqual(new Set(['Approved']));
      if (s.trigger === 'RequestRejected') expect(statuses).toContain('Rejected');
      if (s.trigger === 'RequestExpired') expect(s.event.event_time).toBeGreaterThan(d.revocation_date ?? Infinity);
    }
    const granted = triggerSamples().find((s) => s.trigger === 'RequestGranted')?.event.data;
    expect(granted?.grantee?.id).not.toBe(granted?.requester.id);
    expect(granted?.access_groups.length).toBeGreaterThan(1);
    expect(granted?.access_groups.flatMap((g) => g.access_units).length).toBeGreaterThan(2);
  });

  it('one request id has one shape across triggers, and a grant is revoked its duration after the grant', () => {
    const byId = new Map<string, string>();
    for (const s of triggerSamples()) {
      const d = s.event.data;
      const shape = JSON.stringify({ groups: d.access_groups, grantee: d.grantee ?? null, bundle: d.access_bundle ?? null, requester: d.requester });
      const seen = byId.get(d.friendly_id);
      if (seen !== undefined) expect(shape, `${s.trigger} (${d.friendly_id})`).toBe(seen);
      else byId.set(d.friendly_id, shape);
    }
    const granted = triggerSamples().find((s) => s.trigger === 'RequestGranted')!.event;
    expect(granted.data.revocation_date).toBe(granted.event_time + granted.data.access_duration_in_seconds!);
  });

  it('default sample is the documented example', () => {
    const d = documentedExample();
    expect(d.event_time).toBe(1696263265.851898);
    expect(d.data.friendly_id).toBe('AR-123');
    expect(d.data.revocation_date! - d.data.creation_date).toBeCloseTo(3600, 2);
  });

  it('edge cases hold the traps they promise', () => {
    const edges = edgeCaseSamples();
    expect(edges.every((e) => e.edgeCase)).toBe(true);
    const text = JSON.stringify(edges.map((e) => e.event));
    for (const needle of ['\\"', '\\\\', '\\n', '<', '&', '🚀']) expect(text).toContain(needle);
    const counts = edges.map((e) => e.event.data.access_groups[0]?.access_units.length ?? 0);
    expect(counts).toContain(1);
    expect(counts).toContain(500);
    expect(edges.some((e) => e.event.data.access_groups.length === 0 && e.event.data.approvals.length === 0)).toBe(true);
    expect(edges.some((e) => !e.event.data.access_bundle && !e.event.data.grantee)).toBe(true);
    expect(edges.some((e) => e.event.data.justification.length >= 20_000)).toBe(true);
    expect(eventWithAccessUnits(500).data.access_groups[0]?.access_units[499]?.resource.id).toBe('res-500');
  });
});
