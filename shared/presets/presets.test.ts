import { describe, expect, it } from 'vitest';
import { allSamples } from '../payload/samples';
import { checkRobustness } from '../template/robustness';
import { renderTemplate } from '../template/render';
import { lintTemplate } from '../template/lint-template';
import { validateWebhookInput } from '../model/webhook-rules';
import { placeholdersIn } from '../model/placeholders';
import { parseDefinitionFile, serializeDefinitionFile } from '../model/definition-file';
import { PRESETS, findPreset, hintsFor, presetForUrl } from './index';

const REQUIRED_IDS = [
  'okta-workflows',
  'freshdesk',
  'datadog',
  'splunk',
  'logzio',
  'servicenow',
  'slack',
  'teams',
  'jira',
  'jira-v3',
  'torq',
  'coralogix',
  'sentinel',
  'custom',
];

/** JSON paths (dots, numeric indexes) each target needs filled, per its API, in the rendered body. */
const TARGET_NEEDS: Record<string, string[]> = {
  'okta-workflows': ['fields.event type', 'fields.request id', 'fields.requestor email'],
  slack: ['text', 'blocks'],
  teams: ['type', 'attachments.0.contentType', 'attachments.0.content.type', 'attachments.0.content.body.0.text'],
  jira: ['fields.project.key', 'fields.issuetype.name', 'fields.summary', 'fields.description'],
  'jira-v3': ['fields.project.key', 'fields.issuetype.name', 'fields.summary', 'fields.description.type', 'fields.description.content.3.content.0.text'],
  servicenow: ['short_description', 'description', 'correlation_id'],
  freshdesk: ['email', 'subject', 'description', 'status', 'priority'],
  datadog: ['0.message', '0.ddsource', '0.apono.friendly_id'],
  splunk: ['event.friendly_id', 'event.event_type'],
  logzio: ['message', 'type', 'friendly_id'],
  coralogix: ['message', 'event_type', 'event_time', 'friendly_id'],
  sentinel: ['0.TimeGenerated', '0.event_type', '0.request_id', '0.requester_email'],
  torq: ['body.event', 'body.request_id', 'body.requester_email'],
  custom: [],
};

function valueAt(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), value);
}

describe('presets', () => {
  it('cover every target the issue names, with unique ids and webhook names', () => {
    expect(PRESETS.map((p) => p.id).sort()).toEqual([...REQUIRED_IDS].sort());
    expect(new Set(PRESETS.map((p) => p.webhook.name.toLowerCase())).size).toBe(PRESETS.length);
    for (const p of PRESETS) {
      expect(p.description.length, p.id).toBeGreaterThan(20);
      expect(p.description.length, p.id).toBeLessThan(120);
    }
  });

  describe.each(PRESETS.map((p) => [p.id, p] as const))('%s', (_id, preset) => {
    const body = preset.webhook.bodyTemplate;

    // The issue's bar, in the default (stock HTML-escaping) mode Apono is assumed to use: the full robustness
    // check finds nothing — no invalid JSON and no value altered by escaping — on every sample and edge case,
    // in both event_type spellings, and the lint (analysis plus that check) has no warning or error.
    it('holds on every sample and edge case: valid JSON, no value altered by escaping', () => {
      expect(checkRobustness(body)).toEqual({ compiles: true, findings: [] });
      expect(checkRobustness(body, { eventTypeStyle: 'RequestCreated' })).toEqual({ compiles: true, findings: [] });
    });

    it('draws no lint warning or error', () => {
      expect(lintTemplate(body, preset.id).filter((f) => f.severity !== 'info')).toEqual([]);
    });

    it('is a webhook Apono accepts once its placeholders are filled', () => {
      const filled = JSON.parse(JSON.stringify(preset.webhook).replace(/<([A-Z][A-Z0-9_]*)>/g, (_m, name: string) => name.toLowerCase().replace(/_/g, '')));
      if (preset.id === 'custom') Object.assign(filled, { name: 'MyHook', url: 'https://example.com/hook' });
      const { issues } = validateWebhookInput(filled);
      expect(issues.filter((i) => i.severity !== 'warning')).toEqual([]);
    });

    it('is refused while placeholders remain, naming the field and the placeholder', () => {
      const where = JSON.stringify(preset.webhook);
      const placeholders = placeholdersIn(where);
      if (preset.id === 'custom') return expect(placeholders).toEqual([]);
      expect(placeholders.length).toBeGreaterThan(0);
      const { value, issues } = validateWebhookInput(preset.webhook);
      expect(value).toBeUndefined();
      const named = issues.filter((i) => /preset placeholder/.test(i.message)).map((i) => i.message).join('\n');
      for (const p of placeholders) expect(named).toContain(p);
    });

    it('round-trips through a definition file once filled', () => {
      const text = serializeDefinitionFile([preset.webhook]);
      expect(text).toContain(`"name": "${preset.webhook.name}"`);
      // Secrets are `${env:…}` references, so nothing is exported as a fresh placeholder.
      expect(parseDefinitionFile(text).issues.filter((i) => /in clear/.test(i.message))).toEqual([]);
    });

    it('never fills a bundle name from the bundle id (the guides\' bug)', () => {
      expect(body).not.toMatch(/access_bundle_name[^\n]*access_bundle\.id/);
    });
  });

  it('sends each target the fields its API requires, filled on every sample and edge case', () => {
    for (const p of PRESETS) {
      for (const s of allSamples()) {
        const r = renderTemplate(p.webhook.bodyTemplate, s.event);
        if (!r.ok || !r.json.valid) throw new Error(`${p.id} on ${s.id}`);
        const value = r.json.value;
        for (const path of TARGET_NEEDS[p.id]!) expect([undefined, ''], `${p.id} on ${s.id}: ${path}`).not.toContain(valueAt(value, path));
      }
    }
    const fd = renderTemplate(findPreset('freshdesk')!.webhook.bodyTemplate, allSamples()[0]!.event);
    expect(fd.ok && fd.json.valid && fd.json.value).toMatchObject({ email: 'user@example.com', status: 2, priority: 1 });
  });

  it('log presets carry the bundle id only when there is a bundle, and no bundle name filled from it', () => {
    const body = findPreset('datadog')!.webhook.bodyTemplate;
    const withBundle = renderTemplate(body, allSamples()[0]!.event);
    expect(withBundle.ok && withBundle.json.valid && withBundle.json.value).toMatchObject([{ apono: { access_bundle_id: 'bundle-1' } }]);
    const noBundle = allSamples().find((s) => s.id === 'edge-no-bundle-no-grantee')!;
    const without = renderTemplate(body, noBundle.event);
    const apono = without.ok && without.json.valid ? (without.json.value as Array<{ apono: Record<string, unknown> }>)[0]!.apono : {};
    expect(apono).not.toHaveProperty('access_bundle_id');
    expect(apono).toHaveProperty('access_groups_integration_name', 'prod db');
    for (const p of PRESETS) expect(p.webhook.bodyTemplate, p.id).not.toContain('access_bundle_name');
  });

  it('Coralogix sends flat, searchable fields with the event time, no escaped JSON string', () => {
    for (const s of allSamples()) {
      const r = renderTemplate(findPreset('coralogix')!.webhook.bodyTemplate, s.event);
      if (!r.ok || !r.json.valid) throw new Error(s.id);
      const body = r.json.value as Record<string, unknown>;
      expect(body, s.id).not.toHaveProperty('integration_type_fields');
      for (const v of Object.values(body)) expect(typeof v, s.id).not.toBe('object');
      expect(Number(body.event_time), s.id).toBeGreaterThan(1_600_000_000);
    }
  });

  it('Logz.io renders one line (one minified JSON object) for every sample', () => {
    for (const s of allSamples()) {
      const r = renderTemplate(findPreset('logzio')!.webhook.bodyTemplate, s.event);
      if (!r.ok || !r.json.valid) throw new Error(s.id);
      expect(r.body, s.id).not.toMatch(/[\r\n]/);
      expect(JSON.stringify(JSON.parse(r.body)).length, s.id).toBeLessThanOrEqual(r.body.length);
    }
  });

  it('every target preset cites its documentation and carries a contract its webhook names', () => {
    for (const p of PRESETS.filter((x) => x.id !== 'custom')) {
      expect(p.docUrl, p.id).toMatch(/^https:\/\//);
      expect(p.contract?.docUrl, p.id).toBe(p.docUrl);
      expect(p.webhook.contract, p.id).toBe(p.contract?.id);
    }
  });

  it('finds presets by id, name or webhook name', () => {
    expect(findPreset('Okta Workflows')?.id).toBe('okta-workflows');
    expect(findPreset('SLACK')?.id).toBe('slack');
    expect(findPreset('jiraissues')?.id).toBe('jira');
    expect(findPreset('nope')).toBeUndefined();
  });

  it('gives per-target hints by status and error text', () => {
    const fd = findPreset('freshdesk')!;
    expect(hintsFor(fd, { status: 401 }).join()).toMatch(/API key as the user name/);
    expect(hintsFor(fd, { status: 500 })).toEqual([]);
    expect(hintsFor(findPreset('slack')!, { status: 400, text: 'invalid_payload' }).join()).toMatch(/non-empty "text"/);
    expect(hintsFor(findPreset('okta-workflows')!, { status: 401 }).join()).toMatch(/x-api-client-token/);
  });

  it('recognises a saved webhook\'s preset from its filled URL', () => {
    expect(presetForUrl('https://acme.freshdesk.com/api/v2/tickets')?.id).toBe('freshdesk');
    expect(presetForUrl('https://hooks.slack.com/services/T1/B2/xyz')?.id).toBe('slack');
    expect(presetForUrl('https://example.com/hook')).toBeUndefined();
  });
});
