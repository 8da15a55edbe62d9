import { describe, expect, it } from 'vitest';
import { allSamples } from '../payload/samples';
import type { RequestEvent } from '../payload/request-event';
import { checkRobustness } from '../template/robustness';
import { renderTemplate } from '../template/render';
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
  'torq',
  'coralogix',
  'sentinel',
  'custom',
];

const ENTITIES: Record<string, string> = { '&quot;': '"', '&amp;': '&', '&lt;': '<', '&gt;': '>', '&#x27;': "'", '&#x60;': '`', '&#x3D;': '=' };
const decode = (s: string) => s.replace(/&(quot|amp|lt|gt|#x27|#x60|#x3D);/g, (e) => ENTITIES[e]!);

function valueAt(event: RequestEvent, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), event);
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

    it('renders JSON on every sample and edge case; escaping alters only the free text it declares', () => {
      const findings = checkRobustness(body);
      expect(findings.filter((f) => f.kind !== 'escaping-altered')).toEqual([]);
      const samples = new Map(allSamples().map((s) => [s.id, s.event]));
      for (const f of findings) {
        const event = samples.get(f.sampleId)!;
        // The alteration must be explained by a declared free-text field holding an HTML-special character…
        const special = preset.escapedText.filter((path) => /[&<>"'`=]/.test(String(valueAt(event, path) ?? '')));
        expect(special, `${f.sampleId}: ${f.message}`).not.toEqual([]);
        // …and be nothing but entity encoding of the intended text, when the unescaped render is known.
        if (f.altered && f.altered.intended !== '') expect(decode(f.altered.received)).toBe(decode(f.altered.intended));
      }
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

  it('fills access_bundle_name from the bundle name in the log presets', () => {
    const r = renderTemplate(findPreset('datadog')!.webhook.bodyTemplate, allSamples()[0]!.event);
    expect(r.ok && r.json.valid && r.json.value).toMatchObject([{ apono: { access_bundle_name: 'Bundle 1', access_bundle_id: 'bundle-1' } }]);
  });

  it('Coralogix carries the fields as one JSON string that itself parses', () => {
    for (const s of allSamples()) {
      const r = renderTemplate(findPreset('coralogix')!.webhook.bodyTemplate, s.event);
      if (!r.ok || !r.json.valid) throw new Error(s.id);
      const inner = (r.json.value as { integration_type_fields: string }).integration_type_fields;
      expect(() => JSON.parse(inner), s.id).not.toThrow();
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
