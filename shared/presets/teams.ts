import type { WebhookPreset } from './preset';
import { presetWebhook } from './preset-webhook';

/**
 * Microsoft Teams incoming webhook with an Adaptive Card (the shape from Apono's Teams guide, completed). The
 * guide's title names the requester by name; here by email, which HTML escaping leaves intact (see FREE_TEXT_NOTE).
 */
export const teams: WebhookPreset = {
  id: 'teams',
  name: 'Microsoft Teams',
  description: 'Post an Adaptive Card to a Teams channel for each new access request.',
  urls: [
    { domains: ['webhook.office.com', 'outlook.office.com', 'outlook.office365.com'], path: /^\/webhook(b2)?\//i },
    // Workflows (Power Automate) URLs, which the setup step allows.
    { domains: ['logic.azure.com'], path: /^\/workflows\//i },
    { domains: ['api.powerplatform.com'], path: /\/workflows\//i },
  ],
  webhook: presetWebhook({
    name: 'TeamsAlerts',
    url: 'https://<TENANT>.webhook.office.com/webhookb2/<WEBHOOK_PATH>',
    triggers: ['RequestCreated'],
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
    'Add an Incoming Webhook (or a Workflows "post to a channel when a webhook request is received") to the channel and paste its URL over the placeholder one.',
    'Workflows URLs sometimes include ":443": remove it, since Apono refuses a port in the URL.',
  ],
  hints: [
    { status: 400, hint: 'Teams could not render the card: the attachment must be an Adaptive Card of version 1.2–1.4 with a non-empty body.' },
    { text: 'webhook message delivery failed', hint: 'Teams accepted the call but could not post: check the connector is still configured on the channel.' },
    { status: 404, hint: 'The webhook URL is gone (connector removed or retired): create a new webhook for the channel.' },
    { status: 413, hint: 'The card is too large for Teams (28 KB per message).' },
  ],
};
