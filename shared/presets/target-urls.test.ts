import { describe, expect, it } from 'vitest';
import { PRESETS, findPreset, presetForUrl } from './index';

/** Real-world URLs per target, in the shapes the vendors hand out (ids made up). */
const REAL_URLS: ReadonlyArray<readonly [string, string]> = [
  ['okta-workflows', 'https://acme.workflows.okta.com/api/flo/abc123'],
  ['okta-workflows', 'https://acme.workflows.okta.com/api/flo/0a1b2c3d4e5f/invoke?clientToken=xyz'],
  ['okta-workflows', 'https://acme.workflows.oktapreview.com/api/flo/abc123/invoke'],
  ['okta-workflows', 'https://acme.workflows.okta-emea.com/api/flo/abc123/invoke'],
  ['slack', 'https://hooks.slack.com/services/T0001/B0002/XXXXXXXXXXXXXXXXXXXXXXXX'],
  ['teams', 'https://acme.webhook.office.com/webhookb2/0b8f2a6e-1c2d-4e5f-8a9b-0c1d2e3f4a5b@72f988bf-86f1-41af-91ab-2d7cd011db47/IncomingWebhook/5f1c0a2b3c4d4e5f9a8b7c6d5e4f3a2b/0c1d2e3f-4a5b-6c7d-8e9f-0a1b2c3d4e5f'],
  ['teams', 'https://outlook.office.com/webhook/0b8f2a6e@72f988bf/IncomingWebhook/5f1c/0c1d'],
  ['teams', 'https://prod-27.westus.logic.azure.com/workflows/5f1c0a2b/triggers/manual/paths/invoke?api-version=2016-06-01&sig=abc'],
  ['teams', 'https://default0a1b.c2.environment.api.powerplatform.com/powerautomate/automations/direct/workflows/5f1c0a2b/triggers/manual/paths/invoke?api-version=1&sig=abc'],
  ['jira', 'https://acme.atlassian.net/rest/api/2/issue'],
  ['jira', 'https://acme.atlassian.net/rest/api/latest/issue'],
  // v3 takes another description shape: its URLs must never get the v2 preset (and its body).
  ['jira-v3', 'https://acme.atlassian.net/rest/api/3/issue'],
  ['jira-v3', 'https://acme.atlassian.net/rest/api/3/issue/'],
  ['servicenow', 'https://acme.service-now.com/api/now/table/incident'],
  ['servicenow', 'https://acme.service-now.com/api/now/v1/table/incident'],
  ['freshdesk', 'https://acme.freshdesk.com/api/v2/tickets'],
  ['datadog', 'https://http-intake.logs.datadoghq.com/api/v2/logs'],
  ['datadog', 'https://http-intake.logs.us5.datadoghq.com/api/v2/logs'],
  ['datadog', 'https://http-intake.logs.datadoghq.eu/api/v2/logs?ddsource=apono'],
  ['splunk', 'https://http-inputs-acme.splunkcloud.com/services/collector/event'],
  ['splunk', 'https://http-inputs-acme.splunkcloud.com/services/collector'],
  ['splunk', 'https://splunk.acme.internal/services/collector/event'],
  ['logzio', 'https://listener.logz.io:8071/?token=abcDEF123&type=Apono'],
  ['logzio', 'https://listener.logz.io/?token=abcDEF123'],
  ['logzio', 'https://listener-eu.logz.io/?token=abcDEF123&type=Apono'],
  ['coralogix', 'https://ingress.eu2.coralogix.com/api/v1/external/generic-webhook?token=abc'],
  ['coralogix', 'https://api.coralogix.us/api/v1/contextual-data/webhook/abc'],
  ['sentinel', 'https://acme-dce-a1b2.eastus-1.ingest.monitor.azure.com/dataCollectionRules/dcr-0123456789abcdef/streams/Custom-Apono_CL?api-version=2023-01-01'],
  ['torq', 'https://hooks.torq.io/v1/webhooks/abc'],
  ['torq', 'https://hooks.torq.io/v1/webhooks/abc/'],
  ['torq', 'https://hooks.eu.torq.io/v1/webhooks/abc'],
];

/** URLs no preset may claim: other hosts, lookalike hosts, and a target's host with another product's path. */
const OTHER_URLS: readonly string[] = [
  'https://example.com/hook',
  'https://example.com/',
  'https://webhook.site/0b8f2a6e-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
  'https://api.acme.io/v1/webhooks/abc',
  'https://hooks.zapier.com/hooks/catch/123/abc/',
  'https://acme.okta.com/api/v1/users',
  'https://hooks.slack.com.evil.example/services/T/B/x',
  'https://notslack.com/services/T/B/x',
  'https://acme.atlassian.net/wiki/rest/api/content',
  'https://acme.freshdesk.com.example.org/api/v2/tickets',
  'https://okta.com.example.net/api/flo/abc',
  'http://127.0.0.1:8080/hook',
  'ftp://hooks.slack.com/services/T/B/x',
  'not a url',
  '',
];

describe('presetForUrl', () => {
  it.each(REAL_URLS)('recognises %s from %s', (id, url) => {
    expect(presetForUrl(url)?.id).toBe(id);
  });

  it.each(OTHER_URLS.map((u) => [u]))('claims no preset for %j', (url) => {
    expect(presetForUrl(url)).toBeUndefined();
  });

  it('has a real URL for every target but the custom webhook, which never matches', () => {
    const covered = new Set(REAL_URLS.map(([id]) => id));
    expect(PRESETS.filter((p) => !covered.has(p.id)).map((p) => p.id)).toEqual(['custom']);
    expect(findPreset('custom')!.urls).toEqual([]);
  });

  it('recognises each preset\'s own URL once its placeholders are filled, where its domain is not a placeholder', () => {
    // Coralogix, Logz.io and Teams Workflows URLs are all placeholder host; Datadog's site (the domain) is one.
    const placeholderDomain = ['custom', 'coralogix', 'logzio', 'datadog', 'teams'];
    for (const p of PRESETS) {
      if (placeholderDomain.includes(p.id)) continue;
      const filled = p.webhook.url.replace(/<[A-Z][A-Z0-9_]*>/g, 'acme1');
      expect(presetForUrl(filled)?.id, filled).toBe(p.id);
    }
  });
});
