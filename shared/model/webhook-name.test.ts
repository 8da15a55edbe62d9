import { describe, expect, it } from 'vitest';
import { findWebhookByName, sameWebhookName } from './webhook-name';

describe('webhook names', () => {
  const all = [{ name: 'SlackAlerts', id: 'a' }, { name: 'OktaFlow', id: 'b' }];

  it('finds a webhook by its name in any case', () => {
    expect(findWebhookByName(all, 'oktaflow')?.id).toBe('b');
    expect(findWebhookByName(all, 'SLACKALERTS')?.id).toBe('a');
    expect(findWebhookByName(all, 'Slack')).toBeUndefined();
  });

  it('treats names differing only in case as the same name', () => {
    expect(sameWebhookName('OktaFlow', 'oktaFLOW')).toBe(true);
    expect(sameWebhookName('OktaFlow', 'OktaFlow2')).toBe(false);
  });
});
