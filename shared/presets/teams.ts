import type { WebhookPreset } from './preset';
import { presetWebhook } from './preset-webhook';
import type { TargetContract } from '../contracts/target-contract';

/**
 * Microsoft Teams through a Workflows (Power Automate) flow started by "When a Teams webhook request is
 * received", posting an Adaptive Card (the shape from Apono's Teams guide, completed). The guide's title names
 * the requester by name; here by email, which HTML escaping leaves intact (see FREE_TEXT_NOTE).
 *
 * Docs: https://support.microsoft.com/en-us/office/create-incoming-webhooks-with-workflows-for-microsoft-teams-8ae491c7-0394-4861-ba59-055e33f75498
 *       https://devblogs.microsoft.com/microsoft365dev/retirement-of-office-365-connectors-within-microsoft-teams/
 * Office 365 connectors (`*.webhook.office.com/webhookb2/…`) are retired, so the default is a Workflows URL.
 * Its credential is the `sig=` query parameter. The trigger answers 202 Accepted as soon as the request is
 * received; a card the flow cannot post fails later, inside the flow's run history, not as an HTTP error.
 */
const DOC = 'https://support.microsoft.com/en-us/office/create-incoming-webhooks-with-workflows-for-microsoft-teams-8ae491c7-0394-4861-ba59-055e33f75498';

const contract: TargetContract = {
  id: 'teams-workflows',
  target: 'Teams Workflows',
  docUrl: DOC,
  auth: [{ query: 'sig' }],
  framing: { kind: 'object' },
  schema: {
    type: 'object',
    required: ['attachments'],
    properties: {
      type: { const: 'message' },
      attachments: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['contentType', 'content'],
          properties: {
            contentType: { const: 'application/vnd.microsoft.card.adaptive' },
            content: { type: 'object', required: ['type', 'body'], properties: { type: { const: 'AdaptiveCard' }, version: { type: 'string' }, body: { type: 'array', minItems: 1 } } },
          },
        },
      },
    },
  },
  // Teams' limit on a message (card included) is about 28 KB.
  maxBodyBytes: 28_000,
};

export const teams: WebhookPreset = {
  id: 'teams',
  name: 'Microsoft Teams',
  description: 'Post an Adaptive Card to a Teams channel through a Workflows webhook for each new request.',
  urls: [
    // Workflows (Power Automate) URLs: the default.
    { domains: ['logic.azure.com'], path: /^\/workflows\//i },
    { domains: ['api.powerplatform.com'], path: /\/workflows\//i },
    // Retired Office 365 connector URLs, still recognised so their failures get the "recreate it" hint.
    { domains: ['webhook.office.com', 'outlook.office.com', 'outlook.office365.com'], path: /^\/webhook(b2)?\//i },
  ],
  webhook: presetWebhook({
    name: 'TeamsAlerts',
    // The signature in `sig=` is the credential: read from the environment, so records and exports mask it.
    url: 'https://<WORKFLOWS_HOST>/workflows/<WORKFLOW_ID>/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${env:TEAMS_WORKFLOW_SIG}',
    triggers: ['RequestCreated'],
    contract: contract.id,
    bodyTemplate: `{
  "type": "message",
  "attachments": [
    {
      "contentType": "application/vnd.microsoft.card.adaptive",
      "contentUrl": null,
      "content": {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.2",
        "body": [
          { "type": "TextBlock", "size": "medium", "weight": "bolder", "text": "New {{event_type}} from {{data.requester.email}}", "wrap": true },
          {
            "type": "FactSet",
            "facts": [
              { "title": "Request", "value": "{{data.friendly_id}}" },
              { "title": "Requester", "value": "{{data.requester.email}}" },
              { "title": "Integration", "value": "{{data.access_groups.[0].integration.name}}" },
              { "title": "Resource", "value": "{{data.access_groups.[0].access_units.[0].resource.name}}" },
              { "title": "Permission", "value": "{{data.access_groups.[0].access_units.[0].permission.name}}" }
            ]
          }
        ]
      }
    }
  ]
}
`,
  }),
  setup: [
    'In Teams, open the channel\'s ⋯ → Workflows, and create a flow from the template "Send webhook alerts to a channel" (its trigger is "When a Teams webhook request is received"); pick the team and channel, then copy the URL the trigger shows.',
    'Paste that URL over the placeholder one: <WORKFLOWS_HOST> and <WORKFLOW_ID> are its host (…logic.azure.com or …environment.api.powerplatform.com) and workflow id, and set TEAMS_WORKFLOW_SIG to the value of its sig= parameter (the URL\'s credential; keep the other parameters as the URL has them). In Apono, paste the whole URL.',
    'Remove ":443" if the copied URL has it: Apono refuses a port in the URL.',
    'A Workflow answers 202 Accepted as soon as it receives the request: Test shows success even if posting the card fails later. Check the flow\'s run history in Power Automate (Workflows → the flow → Run history) to see whether the card was posted.',
    'Office 365 connector URLs (…webhook.office.com/webhookb2/…) are retired: create a Workflows webhook instead.',
  ],
  hints: [
    { status: 401, hint: 'The Workflows trigger refused the call: the URL\'s sig= signature is missing or wrong — copy the whole URL again from the trigger.' },
    { status: 403, hint: 'The Workflows trigger refused the call: the URL\'s signature or its sp/sv parameters do not match — copy the whole URL again; if the flow restricts who can trigger it, allow anyone.' },
    { status: 404, hint: 'The workflow or connector URL is gone (flow deleted or turned off, or a retired Office 365 connector): create a Workflows webhook for the channel and use its URL.' },
    { status: 413, hint: 'The card is too large for Teams (about 28 KB per message).' },
  ],
  docUrl: DOC,
  contract,
};
