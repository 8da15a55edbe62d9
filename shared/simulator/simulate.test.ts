import { describe, expect, it } from 'vitest';
import { documentedExample, sampleForTrigger } from '../payload/samples';
import { edgeCaseSamples } from '../payload/samples-edge';
import { emptyWebhookInput, type WebhookInput } from '../model/webhook';
import { findPreset } from '../presets';
import { VERDICT_LABELS, evaluateWebhook, playLifecycle, simulateLifecycle, truthTable, type SimStep } from './index';

const hook = (name: string, patch: Partial<WebhookInput>): WebhookInput => ({ ...emptyWebhookInput(), name, url: 'https://example.com/h', ...patch });

/** Four webhooks whose triggers and filters overlap. */
const WEBHOOKS = [
  hook('AllEvents', { triggers: ['RequestCreated', 'RequestApproved', 'RequestRejected', 'RequestGranted', 'RequestExpired', 'RequestFailed'] }),
  hook('ProdDbManual', { triggers: ['RequestApproved', 'RequestGranted'], filters: [{ field: 'integration', values: ['prod db'] }, { field: 'approval', values: ['manual'] }] }),
  hook('AwsOnly', { triggers: ['RequestCreated', 'RequestGranted'], filters: [{ field: 'integration_type', values: ['AWS Account', 'GCP'] }] }),
  hook('Paused', { active: false, triggers: ['RequestCreated'] }),
];

const grid = (steps: SimStep[]) => steps.map((s) => [s.trigger, ...s.cells.map((c) => VERDICT_LABELS[c.verdict.kind])]);

describe('lifecycle player', () => {
  it('moves one request through the steps with consistent types, times and approvals', () => {
    const steps = playLifecycle(documentedExample(), 'granted');
    expect(steps.map((s) => s.event.event_type)).toEqual(['AccessRequestCreated', 'AccessRequestApproved', 'AccessRequestGranted', 'AccessRequestExpired']);
    expect(steps.map((s) => s.event.data.approvals[0]?.status)).toEqual(['Pending', 'Approved', 'Approved', 'Approved']);
    const times = steps.map((s) => s.event.event_time);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(steps[3]!.event.event_time).toBeGreaterThan(steps[3]!.event.data.revocation_date!);
    expect(steps.every((s) => s.event.data.friendly_id === 'AR-123')).toBe(true);
  });

  it('rejects with a rejected approval and no revocation date; keeps the base event untouched', () => {
    const base = documentedExample('RequestCreated');
    const before = structuredClone(base);
    const [created, rejected] = playLifecycle(base, 'rejected');
    expect(created!.event.event_type).toBe('RequestCreated');
    expect(rejected!.event).toMatchObject({ event_type: 'RequestRejected', data: { approvals: [{ status: 'Rejected' }] } });
    expect(rejected!.event.data.revocation_date).toBeUndefined();
    expect(base).toEqual(before);
  });

  it('AllOf approvals all approve; an auto-approved request keeps no approvals', () => {
    const allOf = sampleForTrigger('RequestGranted');
    expect(playLifecycle(allOf, 'failed')[1]!.event.data.approvals.map((a) => a.status)).toEqual(['Approved', 'Approved']);
    const auto = edgeCaseSamples().find((s) => s.id === 'edge-empty-arrays')!.event;
    expect(playLifecycle(auto, 'granted').map((s) => s.event.data.approvals)).toEqual([[], [], [], []]);
  });
});

describe('simulateLifecycle', () => {
  it('gives step × webhook verdicts for overlapping triggers and filters (Postgres request)', () => {
    const steps = simulateLifecycle(WEBHOOKS, documentedExample(), 'granted');
    expect(grid(steps)).toEqual([
      ['RequestCreated', 'fires', 'trigger not selected', 'filtered out', 'inactive'],
      ['RequestApproved', 'fires', 'fires', 'trigger not selected', 'inactive'],
      ['RequestGranted', 'fires', 'fires', 'filtered out', 'inactive'],
      ['RequestExpired', 'fires', 'trigger not selected', 'trigger not selected', 'inactive'],
    ]);
    const aws = steps[0]!.cells[2]!.verdict;
    expect(aws.kind === 'filtered-out' && aws.reason).toBe('filter 1 (integration_type) wants "AWS Account" or "GCP"; the event has "Postgresql"');
  });

  it('the same webhooks on a two-integration request, auto-approved: the filters flip', () => {
    const base = structuredClone(sampleForTrigger('RequestGranted'));
    base.data.approvals = [];
    expect(grid(simulateLifecycle(WEBHOOKS, base, 'granted'))).toEqual([
      ['RequestCreated', 'fires', 'trigger not selected', 'fires', 'inactive'],
      ['RequestApproved', 'fires', 'filtered out', 'trigger not selected', 'inactive'],
      ['RequestGranted', 'fires', 'filtered out', 'fires', 'inactive'],
      ['RequestExpired', 'fires', 'trigger not selected', 'trigger not selected', 'inactive'],
    ]);
  });

  it('renders the body of each fired cell only', () => {
    const [created] = simulateLifecycle(WEBHOOKS, documentedExample(), 'rejected');
    expect(created!.cells[0]!.rendered).toMatchObject({ json: true });
    expect(JSON.parse(created!.cells[0]!.rendered!.body)).toEqual({ event_type: 'AccessRequestCreated', request_id: 'AR-123' });
    expect(created!.cells[3]!.rendered).toBeUndefined();
  });

  it('checks inactive before trigger before filters', () => {
    const w = hook('X', { active: false, triggers: ['RequestGranted'], filters: [{ field: 'bundle', values: ['none'] }] });
    expect(evaluateWebhook(w, documentedExample(), 'RequestCreated').kind).toBe('inactive');
    expect(evaluateWebhook({ ...w, active: true }, documentedExample(), 'RequestCreated').kind).toBe('trigger-not-selected');
    expect(evaluateWebhook({ ...w, active: true }, documentedExample(), 'RequestGranted').kind).toBe('filtered-out');
  });
});

describe('truthTable', () => {
  it('covers the whole sample library and explains each miss', () => {
    const w = hook('Bundles', { triggers: ['RequestCreated', 'RequestGranted'], filters: [{ field: 'bundle', values: ['Bundle 1'] }] });
    const rows = truthTable(w);
    expect(rows).toHaveLength(17);
    const by = Object.fromEntries(rows.map((r) => [r.sampleId, r.cell.verdict.kind]));
    expect(by['trigger-RequestCreated']).toBe('fires');
    expect(by['trigger-RequestApproved']).toBe('trigger-not-selected');
    expect(by['trigger-RequestGranted']).toBe('filtered-out');
    expect(by['edge-no-bundle-no-grantee']).toBe('filtered-out');
    expect(by['edge-many-access-units']).toBe('fires');
    for (const r of rows) expect(r.cell.rendered !== undefined).toBe(r.cell.verdict.kind === 'fires');
  });

  it('a preset fires on its triggers and sends JSON for every fired sample', () => {
    const rows = truthTable(findPreset('okta-workflows')!.webhook);
    const fired = rows.filter((r) => r.cell.verdict.kind === 'fires');
    expect(fired.map((r) => r.trigger)).not.toContain('Manual');
    expect(fired).toHaveLength(16);
    expect(fired.every((r) => r.cell.rendered?.json)).toBe(true);
  });
});
