import { describe, expect, it } from 'vitest';
import { classifyHttpStatus } from './errors';
import type { InvocationRecord } from './invocation';
import { formatInvocationSummary } from './summary';
import { targetHintsFor } from './target-hints';
import { emptyWebhookInput } from '../model/webhook';
import { findPreset } from '../presets';

const SLACK = 'https://hooks.slack.com/services/T0/B0/x';

function failed(url: string, status: number, body: string): InvocationRecord {
  return {
    schemaVersion: 1,
    id: 'r1',
    webhookId: 'w1',
    webhookName: 'Alerts',
    webhook: { ...emptyWebhookInput(), name: 'Alerts', url, id: 'w1', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' },
    trigger: 'RequestCreated',
    event: {},
    renderedBody: '{}',
    request: { method: 'POST', url, headers: [], body: '{}' },
    response: { status, statusText: 'Error', headers: [], body, bodyEncoding: 'utf8', size: body.length, truncated: false, fullSize: body.length },
    steps: [],
    validators: [],
    outcome: 'Failure',
    error: classifyHttpStatus(status, []),
    warnings: [],
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:00.040Z',
    durationMs: 40,
  };
}

describe('targetHintsFor', () => {
  it('finds the preset by URL and the hints by status and body text', () => {
    expect(targetHintsFor(failed(SLACK, 400, 'invalid_payload'))).toEqual({ target: 'Slack incoming webhook', hints: [expect.stringMatching(/could not read the body/)] });
    expect(targetHintsFor(failed(SLACK, 410, 'gone'))?.hints).toEqual([expect.stringMatching(/archived or the webhook revoked/)]);
  });

  it('gives nothing for a success, an unknown target or no matching hint', () => {
    expect(targetHintsFor({ ...failed(SLACK, 200, 'invalid_payload'), outcome: 'Success', error: null })).toBeNull();
    expect(targetHintsFor(failed('https://example.com/hook', 410, 'x'))).toBeNull();
    expect(targetHintsFor(failed(SLACK, 500, 'oops'))).toBeNull();
  });

  it('appears in the hooksmith send summary under the generic hint', () => {
    const text = formatInvocationSummary(failed(SLACK, 410, 'gone'));
    const lines = text.split('\n');
    const generic = lines.findIndex((l) => l.startsWith('Hint: '));
    expect(generic).toBeGreaterThan(0);
    expect(lines[generic + 1]).toMatch(/^Slack incoming webhook hint: The channel was archived/);
  });

  // The reviewer's URLs (issue 6) that used to get only the generic hint.
  it.each([
    ['splunk', 'https://http-inputs-acme.splunkcloud.com/services/collector/event'],
    ['torq', 'https://hooks.torq.io/v1/webhooks/abc/'],
    ['okta-workflows', 'https://acme.workflows.okta.com/api/flo/abc123'],
    ['okta-workflows', 'https://acme.workflows.oktapreview.com/api/flo/abc123/invoke'],
    ['logzio', 'https://listener.logz.io:8071/?token=abc'],
    ['logzio', 'https://listener.logz.io/?token=abc'],
    ['jira', 'https://acme.atlassian.net/rest/api/2/issue'],
    ['jira-v3', 'https://acme.atlassian.net/rest/api/3/issue'],
  ])('a 401 from %s at %s carries that target\'s 401 hint', (id, url) => {
    const preset = findPreset(id)!;
    const expected = preset.hints.find((h) => h.status === 401)!.hint;
    const found = targetHintsFor(failed(url, 401, 'Unauthorized'));
    expect(found).toEqual({ target: preset.name, hints: [expected] });
    expect(formatInvocationSummary(failed(url, 401, 'Unauthorized'))).toContain(`${preset.name} hint: ${expected}`);
  });

  it('a Teams URL whose path holds @ and several segments gets the Teams hints', () => {
    const url = 'https://acme.webhook.office.com/webhookb2/0b8f2a6e-1c2d-4e5f-8a9b-0c1d2e3f4a5b@72f988bf-86f1-41af-91ab-2d7cd011db47/IncomingWebhook/5f1c0a2b/0c1d2e3f-4a5b';
    const teams = findPreset('teams')!;
    const status = teams.hints.find((h) => h.status !== undefined)!;
    expect(targetHintsFor(failed(url, status.status!, status.text ?? ''))?.target).toBe(teams.name);
  });
});
