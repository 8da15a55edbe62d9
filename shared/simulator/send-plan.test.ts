import { describe, expect, it } from 'vitest';
import { documentedExample } from '../payload/samples';
import { emptyWebhookInput, type WebhookInput } from '../model/webhook';
import { describePlan, outcomeLabel, planHosts, sendPlan, simulateLifecycle } from './index';

const hook = (name: string, url: string, patch: Partial<WebhookInput>): WebhookInput => ({ ...emptyWebhookInput(), name, url, ...patch });

const WEBHOOKS = [
  hook('Created', 'https://hooks.slack.com/services/T/B/x', { triggers: ['RequestCreated'] }),
  hook('Granted', 'https://acme.okta.com/api/flo/1/invoke', { triggers: ['RequestGranted', 'RequestExpired'] }),
  hook('Slack2', 'https://hooks.slack.com/services/T/B/y', { triggers: ['RequestApproved'] }),
  hook('Off', 'https://never.example.com/', { active: false, triggers: ['RequestCreated'] }),
];

describe('send plan', () => {
  const steps = simulateLifecycle(WEBHOOKS, documentedExample(), 'granted', { render: false });
  const plan = sendPlan(steps);

  it('holds every fired cell once, step by step, with that step’s event', () => {
    expect(plan.map((p) => [p.key, p.trigger, WEBHOOKS[p.webhook]!.name])).toEqual([
      ['0:0', 'RequestCreated', 'Created'],
      ['1:2', 'RequestApproved', 'Slack2'],
      ['2:1', 'RequestGranted', 'Granted'],
      ['3:1', 'RequestExpired', 'Granted'],
    ]);
    expect(plan[3]!.event.event_type).toBe('AccessRequestExpired');
  });

  it('names the distinct hosts, never those of webhooks that do not fire', () => {
    const hosts = planHosts(plan, WEBHOOKS.map((w) => w.url));
    expect(hosts).toEqual(['hooks.slack.com', 'acme.okta.com']);
    expect(describePlan(plan.length, hosts)).toBe('Send 4 requests to hooks.slack.com and acme.okta.com?');
    expect(describePlan(1, ['a.example.com'])).toBe('Send 1 request to a.example.com?');
    expect(describePlan(3, ['a', 'b', 'c'])).toBe('Send 3 requests to a, b and c?');
    expect(planHosts([{ ...plan[0]!, webhook: 0 }], ['not a url'])).toEqual(['not a url']);
  });

  it('an empty plan when nothing fires', () => {
    expect(sendPlan(simulateLifecycle([WEBHOOKS[3]!], documentedExample(), 'granted', { render: false }))).toEqual([]);
  });

  it('words an outcome with its HTTP status', () => {
    expect(outcomeLabel({ outcome: 'Success', response: { status: 200 } })).toBe('Success 200');
    expect(outcomeLabel({ outcome: 'Failure', response: null })).toBe('Failure (no response)');
  });
});
