import type { WebhookPreset } from './preset';
import { ALL_REQUEST_TRIGGERS, presetWebhook } from './preset-webhook';
import { resourcesArray } from './common-fields';
import type { TargetContract } from '../contracts/target-contract';

/**
 * Okta Workflows API endpoint secured with a client token; body keys follow Apono's Okta guide (spec §7, S13).
 *
 * Docs: https://help.okta.com/wf/en-us/content/topics/workflows/execute/flow-api-endpoint-token.htm
 *       https://help.okta.com/en/prod/Content/Topics/Workflows/learn/about-flow-client-token.htm
 * The token goes in the `x-api-client-token` header or `?clientToken=`. The card's other option, "Secure with
 * OAuth 2.0", takes only client credentials with a private-key JWT on the org authorization server, which Apono
 * cannot send; so this preset uses the client-token route only.
 */
const DOC = 'https://help.okta.com/wf/en-us/content/topics/workflows/execute/flow-api-endpoint-token.htm';

const contract: TargetContract = {
  id: 'okta-workflows',
  target: 'Okta Workflows',
  docUrl: DOC,
  auth: [{ header: 'x-api-client-token', prefix: '' }, { query: 'clientToken' }],
  framing: { kind: 'object' },
  schema: { type: 'object', minProperties: 1 },
  // Okta Workflows caps an API Endpoint payload at 1 MB.
  maxBodyBytes: 1_000_000,
};

export const oktaWorkflows: WebhookPreset = {
  id: 'okta-workflows',
  name: 'Okta Workflows',
  description: 'Start an Okta Workflows flow through its API Endpoint card for each access-request event.',
  urls: [{ domains: ['workflows.okta.com', 'workflows.oktapreview.com', 'workflows.okta-emea.com', 'workflows.okta-gov.com'], path: /^\/api\/flo\//i }],
  webhook: presetWebhook({
    name: 'OktaWorkflows',
    url: 'https://<OKTA_ORG>.workflows.okta.com/api/flo/<FLOW_ID>/invoke',
    headers: [{ key: 'x-api-client-token', value: '${env:OKTA_CLIENT_TOKEN}', secret: true }],
    contract: contract.id,
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
    'In Okta Workflows, add an API Endpoint card to the flow, choose "Secure with client token" in its settings, and copy its Invoke URL: <OKTA_ORG> is your Workflows org, <FLOW_ID> the flow id in that URL.',
    'Set OKTA_CLIENT_TOKEN to the client token shown with the Invoke URL (sent in the x-api-client-token header), or delete the header and keep ?clientToken=${env:OKTA_CLIENT_TOKEN} in the URL instead.',
    'Keep the card on "Secure with client token": Apono sends the client token, and the card\'s other secured option needs a private-key JWT client, which Apono cannot send.',
    'The body sends "resources" as one entry per access group (its integration and its "access_units", each a resource and permission): read it that way in the flow.',
  ],
  hints: [
    { status: 401, hint: 'Okta refused the client token: send it in the URL (?clientToken=…) or the x-api-client-token header, not both, and check the flow is turned on.' },
    { status: 403, hint: 'The API Endpoint card is not secured with a client token: set it to "Secure with client token" in its settings and copy the token again.' },
    { status: 404, hint: 'Okta does not know this flow: copy the Invoke URL again from the API Endpoint card (the flow id changes when the flow is copied).' },
    { text: 'flow is not on', hint: 'Turn the flow on in Okta Workflows; a flow that is off refuses invocations.' },
  ],
  docUrl: DOC,
  contract,
};
