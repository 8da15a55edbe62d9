import { emptyWebhookInput, type WebhookInput } from '../../shared/model/webhook';

/** A valid webhook input with the given overrides. */
export function webhookInput(overrides: Partial<WebhookInput> = {}): WebhookInput {
  return {
    ...emptyWebhookInput(),
    name: 'SlackAlerts',
    url: 'https://hooks.slack.com/services/T000/B000/XXXX',
    bodyTemplate: '{"text": "{{event_type}} by {{data.requester.name}}"}',
    triggers: ['RequestCreated', 'RequestApproved'],
    ...overrides,
  };
}
