import type { WebhookPreset } from './preset';
import { ALL_REQUEST_TRIGGERS, presetWebhook } from './preset-webhook';
import { resourcesArray } from './common-fields';

/** Okta Workflows API endpoint; body keys follow Apono's Okta guide (spec §7, S13). */
export const oktaWorkflows: WebhookPreset = {
  id: 'okta-workflows',
  name: 'Okta Workflows',
  description: 'Start an Okta Workflows flow through its API Endpoint card for each access-request event.',
  urls: [{ domains: ['workflows.okta.com', 'workflows.oktapreview.com', 'workflows.okta-emea.com', 'workflows.okta-gov.com'], path: /^\/api\/flo\//i }],
  webhook: presetWebhook({
    name: 'OktaWorkflows',
    url: 'https://<OKTA_ORG>.workflows.okta.com/api/flo/<FLOW_ID>/invoke',
    headers: [{ key: 'x-api-client-token', value: '${env:OKTA_CLIENT_TOKEN}', secret: true }],
    triggers: ALL_REQUEST_TRIGGERS,
    bodyTemplate: `{
  "fields": {
    "event type": "{{event_type}}",
    "event time": "{{event_time}}",
    "request id": "{{data.friendly_id}}",
    "requestor email": "{{data.requester.email}}",
    "integration name": "{{data.access_groups.[0].integration.name}}",
    "resource type": "{{data.access_groups.[0].resource_types.[0].name}}",
    "access units": "{{data.access_groups.[0].access_units.[0].resource.name}}"
  },
  "resources": ${resourcesArray('  ')}
}
`,
  }),
  setup: [
    'In Okta Workflows, add an API Endpoint card to the flow and copy its Invoke URL: <OKTA_ORG> is your Workflows org, <FLOW_ID> the flow id in that URL.',
    'Set OKTA_CLIENT_TOKEN to the client token shown with the Invoke URL, or delete the header and keep ?clientToken=… in the URL instead.',
    'The card\'s "Secure with OAuth 2.0" option needs an OAuth token instead: set Authentication to OAuth and remove the header.',
    'The body sends "resources" as one entry per access group (its integration and its "access_units", each a resource and permission): read it that way in the flow.',
  ],
  hints: [
    { status: 401, hint: 'Okta refused the client token: send it in the URL (?clientToken=…) or the x-api-client-token header, not both, and check the flow is turned on.' },
    { status: 403, hint: 'The API Endpoint card is secured with OAuth 2.0: switch Authentication to OAuth with your Okta app\'s client ID and secret.' },
    { status: 404, hint: 'Okta does not know this flow: copy the Invoke URL again from the API Endpoint card (the flow id changes when the flow is copied).' },
    { text: 'flow is not on', hint: 'Turn the flow on in Okta Workflows; a flow that is off refuses invocations.' },
  ],
};
