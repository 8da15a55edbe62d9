import type { WebhookPreset } from './preset';
import { ALL_REQUEST_TRIGGERS, presetWebhook } from './preset-webhook';
import { logFields } from './common-fields';
import type { TargetContract } from '../contracts/target-contract';

/**
 * Coralogix Generic Incoming Webhook, with the event as flat, searchable fields and its time (spec §7, S17).
 *
 * Docs: https://coralogix.com/docs/integrations/incoming-webhooks/generic-incoming-webhooks/
 * Which API, and why: the generic incoming webhook takes any JSON (2 MB per request) and its generated URL is
 * bound to its own API key, so the webhook needs no Send-Your-Data key in a header and stays one object per
 * event, which fits Apono's one-request-per-event webhooks (the logs "singles" API is for high volume, not this).
 * Apono's guide packed the event into one escaped string (`integration_type_fields`) that cannot be searched
 * and carries no time; here every field is a top-level key, and `event_time` (epoch seconds) is the timestamp
 * the webhook is set to extract.
 */
const DOC = 'https://coralogix.com/docs/integrations/incoming-webhooks/generic-incoming-webhooks/';

const contract: TargetContract = {
  id: 'coralogix-generic-webhook',
  target: 'Coralogix',
  docUrl: DOC,
  // The credential is the generated URL itself: nothing in the request can be checked.
  auth: [],
  framing: { kind: 'object' },
  schema: {
    type: 'object',
    required: ['message', 'event_type', 'event_time'],
    properties: {
      message: { type: 'string', minLength: 1 },
      event_type: { type: 'string', minLength: 1 },
      // Flat and searchable: the time is a field of its own, not inside an escaped string.
      event_time: { type: ['string', 'number'], minLength: 1 },
      integration_type_fields: { type: 'object', description: 'an escaped JSON string here cannot be searched' },
    },
  },
  maxBodyBytes: 2_000_000,
};

export const coralogix: WebhookPreset = {
  id: 'coralogix',
  name: 'Coralogix',
  description: 'Send every access-request event to a Coralogix Generic Incoming Webhook as searchable fields.',
  urls: [{ domains: ['coralogix.com', 'coralogix.us', 'coralogix.in', 'coralogixsg.com', 'coralogix.net'] }],
  webhook: presetWebhook({
    name: 'CoralogixEvents',
    url: 'https://<INCOMING_WEBHOOK_HOST>/<INCOMING_WEBHOOK_PATH>',
    triggers: ALL_REQUEST_TRIGGERS,
    contract: contract.id,
    bodyTemplate: `{
  "message": "Apono {{event_type}} {{data.friendly_id}} by {{data.requester.email}}",
${logFields('  ')}
}
`,
  }),
  setup: [
    'In Coralogix, Data Flow → Contextual Data → Generic Webhook → Add: name it, create its API key, pick the application and subsystem names, and choose Content Type JSON.',
    'Under Timestamp, choose to extract it from the body by Path: event_time (Unix epoch seconds, the time of the Apono event). Every other field arrives as its own searchable key.',
    'Paste the URL Coralogix generates over the placeholder one. It carries the webhook\'s key: if the key is in its query string, write it as ${env:CORALOGIX_WEBHOOK_KEY} so records and exports mask it.',
  ],
  hints: [
    { status: 401, hint: 'Coralogix refused the call: the generated URL carries its own key; copy the whole URL again.' },
    { status: 403, hint: 'The incoming webhook is disabled or belongs to another team: check it in Coralogix.' },
    { status: 413, hint: 'The body is over the incoming webhook\'s 2 MB limit.' },
    { status: 400, hint: 'Coralogix could not read the body: the webhook\'s Content Type must be JSON, and the body one JSON object.' },
  ],
  docUrl: DOC,
  contract,
};
