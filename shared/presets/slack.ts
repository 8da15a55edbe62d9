import type { WebhookPreset } from './preset';
import { presetWebhook } from './preset-webhook';
import type { TargetContract } from '../contracts/target-contract';

/**
 * Docs: https://api.slack.com/messaging/webhooks (the URL is the credential; a body with `text` and/or `blocks`)
 * and https://api.slack.com/reference/block-kit/blocks (at most 50 blocks; a section's text at most 3,000 characters).
 */
const DOC = 'https://api.slack.com/messaging/webhooks';

const contract: TargetContract = {
  id: 'slack-incoming-webhook',
  target: 'Slack',
  docUrl: DOC,
  auth: [],
  framing: { kind: 'object' },
  schema: {
    type: 'object',
    required: ['text'],
    properties: {
      text: { type: 'string', minLength: 1, maxLength: 40_000, description: 'the notification fallback; "no_text" without it' },
      blocks: { type: 'array', maxItems: 50, items: { type: 'object', required: ['type'] } },
    },
  },
  maxBodyBytes: 1_000_000,
};

/**
 * Slack incoming webhook: `text` (the notification fallback) and `blocks`. Resources are summarised per
 * integration, not listed per unit, because a section's text is limited to 3,000 characters. People appear by
 * email or id, never by name (see FREE_TEXT_NOTE).
 */
export const slack: WebhookPreset = {
  id: 'slack',
  name: 'Slack incoming webhook',
  description: 'Post a message to a Slack channel when a request is created, approved or rejected.',
  urls: [{ domains: ['hooks.slack.com'], path: /^\/services\//i }],
  webhook: presetWebhook({
    name: 'SlackAlerts',
    // The URL is the credential: its last segment is read from the environment, so records and exports mask it.
    url: 'https://hooks.slack.com/services/<WORKSPACE_ID>/<CHANNEL_HOOK_ID>/${env:SLACK_HOOK_TOKEN}',
    triggers: ['RequestCreated', 'RequestApproved', 'RequestRejected'],
    contract: contract.id,
    bodyTemplate: `{
  "text": "Apono {{event_type}}: {{data.friendly_id}} by {{data.requester.email}}",
  "blocks": [
    { "type": "header", "text": { "type": "plain_text", "text": "Apono {{event_type}}" } },
    {
      "type": "section",
      "fields": [
        { "type": "mrkdwn", "text": "*Request*\\n{{data.friendly_id}}" },
        { "type": "mrkdwn", "text": "*Requester*\\n{{data.requester.email}}" }{{#if data.grantee}},
        { "type": "mrkdwn", "text": "*Grantee*\\n{{data.grantee.type}} {{data.grantee.id}}" }{{/if}}
      ]
    },
    {
      "type": "section",
      "text": { "type": "mrkdwn", "text": "*Access*\\n{{#each data.access_groups}}• {{integration.name}}: {{access_units.length}} resource(s), e.g. {{access_units.[0].resource.name}} ({{access_units.[0].permission.name}})\\n{{else}}no resources listed{{/each}}" }
    }
  ]
}
`,
  }),
  setup: [
    'Create an incoming webhook in your Slack app (Features → Incoming Webhooks). Its URL is https://hooks.slack.com/services/<WORKSPACE_ID>/<CHANNEL_HOOK_ID>/<token>: fill in the two ids and set SLACK_HOOK_TOKEN to the last segment.',
    'The whole URL is a credential: Hooksmith reads the token when sending and masks it in the history and exports. In Apono, paste the whole URL.',
  ],
  hints: [
    { text: 'invalid_payload', hint: 'Slack could not read the body as a message: it must be JSON with a non-empty "text" or valid "blocks".' },
    { text: 'invalid_blocks', hint: 'A block breaks Slack\'s rules: header text ≤ 150 characters, section text ≤ 3,000, at most 10 fields per section.' },
    { text: 'no_text', hint: 'Slack needs "text" (or blocks): the rendered "text" is empty.' },
    { status: 403, text: 'action_prohibited', hint: 'A Slack admin restricted this webhook or its channel.' },
    { status: 404, text: 'no_service', hint: 'The webhook URL is disabled or wrong: create a new incoming webhook and paste its URL.' },
    { status: 410, hint: 'The channel was archived or the webhook revoked: create a new incoming webhook.' },
  ],
  docUrl: DOC,
  contract,
};
