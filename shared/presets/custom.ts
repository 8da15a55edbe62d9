import { emptyWebhookInput } from '../model/webhook';
import type { WebhookPreset } from './preset';

/** A blank webhook: the form's own defaults, for any HTTPS endpoint. */
export const custom: WebhookPreset = {
  id: 'custom',
  name: 'Custom webhook',
  description: 'Start from an empty webhook and call any HTTPS endpoint with your own body template.',
  // A blank webhook is no target: it never claims a URL.
  urls: [],
  webhook: emptyWebhookInput(),
  setup: ['Enter the endpoint\'s HTTPS URL, its authentication and a body template that renders the JSON it expects.'],
  hints: [],
};
