import type { WebhookPreset } from './preset';
import { ALL_REQUEST_TRIGGERS, presetWebhook } from './preset-webhook';
import { logFieldsAsString } from './common-fields';

/**
 * Coralogix generic incoming webhook (spec §7, S17): `integration_type_fields` is one JSON string holding
 * an object. Its values are ids and emails only (see FREE_TEXT_NOTE), so neither level of JSON can break.
 */
export const coralogix: WebhookPreset = {
  id: 'coralogix',
  name: 'Coralogix',
  description: 'Send every access-request event to a Coralogix Generic Incoming Webhook.',
  urls: [{ domains: ['coralogix.com', 'coralogix.us', 'coralogix.in', 'coralogixsg.com', 'coralogix.net'] }],
  webhook: presetWebhook({
    name: 'CoralogixEvents',
    url: 'https://<INCOMING_WEBHOOK_HOST>/<INCOMING_WEBHOOK_PATH>',
    triggers: ALL_REQUEST_TRIGGERS,
    bodyTemplate: `{
  "alias": "apono-webhook",
  "description": "Apono {{event_type}} {{data.friendly_id}}",
  "integration_type_fields": ${logFieldsAsString()}
}
`,
  }),
  setup: ['Create a Generic Incoming Webhook in Coralogix (Data flow → Contextual data) and paste the URL it generates over the placeholder one.'],
  hints: [
    { status: 401, hint: 'Coralogix refused the call: the generated URL carries its own key; copy the whole URL again.' },
    { status: 403, hint: 'The incoming webhook is disabled or belongs to another team: check it in Coralogix.' },
    { status: 400, hint: 'Coralogix could not read the body: "integration_type_fields" must be a string holding a JSON object.' },
  ],
};
