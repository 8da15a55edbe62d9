import type { WebhookPreset } from './preset';
import { presetWebhook } from './preset-webhook';
import { resourcesArray } from './common-fields';
import type { TargetContract } from '../contracts/target-contract';

/**
 * Docs: https://kb.torq.io/en/articles/9145514-webhook-triggers (POST any JSON to the trigger's URL; the
 * authentication header's name and secret are chosen when the trigger is created, so the contract cannot name them).
 */
const DOC = 'https://kb.torq.io/en/articles/9145514-webhook-triggers';

const contract: TargetContract = {
  id: 'torq-webhook',
  target: 'Torq',
  docUrl: DOC,
  auth: [],
  framing: { kind: 'object' },
  schema: { type: 'object', minProperties: 1 },
  maxBodyBytes: 5_000_000,
};

/** Torq webhook trigger (spec §7, S22): the event under `body`, the requester by email (see FREE_TEXT_NOTE). */
export const torq: WebhookPreset = {
  id: 'torq',
  name: 'Torq',
  description: 'Trigger a Torq workflow with the access request, to automate follow-up steps.',
  urls: [{ domains: ['torq.io'], path: /^\/v1\/webhooks\//i }],
  webhook: presetWebhook({
    name: 'TorqWorkflow',
    url: 'https://hooks.torq.io/v1/webhooks/<WEBHOOK_ID>',
    auth: { type: 'bearer', token: '${env:TORQ_TOKEN}' },
    triggers: ['RequestCreated'],
    contract: contract.id,
    bodyTemplate: `{
  "body": {
    "event": "New Apono {{event_type}} request made by {{data.requester.email}}",
    "event_type": "{{event_type}}",
    "request_id": "{{data.friendly_id}}",
    "requester_email": "{{data.requester.email}}",
    "resources": ${resourcesArray('    ')}
  }
}
`,
  }),
  setup: [
    'Create a Webhook trigger integration in Torq; <WEBHOOK_ID> is the id at the end of its URL.',
    'Set TORQ_TOKEN to the token of the trigger\'s authentication header, as Torq shows it.',
    'The body sends "resources" as one entry per access group (its integration and its "access_units", each a resource and permission): read it that way in the workflow.',
  ],
  hints: [
    { status: 401, hint: 'Torq refused the token: Apono\'s guide sends "Authorization: Bearer <base64 token>"; if your trigger defines its own header name, set Authentication to none and add that header.' },
    { status: 404, hint: 'Torq does not know this webhook: copy the trigger URL again (it changes when the integration is recreated).' },
  ],
  docUrl: DOC,
  contract,
};
