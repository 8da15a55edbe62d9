import { describe, expect, it } from 'vitest';
import { classifyHttpStatus } from './errors';
import type { InvocationRecord } from './invocation';
import { formatInvocationSummary } from './summary';
import { targetHintsFor } from './target-hints';
import { emptyWebhookInput } from '../model/webhook';

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
});
