import type { WebhookPreset } from './preset';
import { presetWebhook } from './preset-webhook';
import type { TargetContract } from '../contracts/target-contract';

/**
 * ServiceNow Table API: create an incident (POST /api/now/table/incident). The requester is named by email and
 * Apono user id, not by name (see FREE_TEXT_NOTE); `correlation_id` ties the incident to the request.
 */
const DOC = 'https://www.servicenow.com/docs/r/platform-security/authentication/client-credentials.html';

/**
 * Docs: https://www.servicenow.com/docs/r/platform-security/authentication/client-credentials.html (the inbound client
 * credentials grant is off until the system property glide.oauth.inbound.client.credential.grant_type.enabled is
 * true, and the OAuth client needs an OAuth Application User); Table API:
 * https://www.servicenow.com/docs/r/api-reference/rest-apis/c_TableAPI.html (POST /api/now/table/{tableName}).
 */
const contract: TargetContract = {
  id: 'servicenow-table',
  target: 'ServiceNow',
  docUrl: DOC,
  auth: [{ header: 'Authorization', prefix: 'Bearer ' }, { header: 'Authorization', prefix: 'Basic ' }],
  framing: { kind: 'object' },
  schema: {
    type: 'object',
    required: ['short_description'],
    properties: {
      short_description: { type: 'string', minLength: 1, maxLength: 160 },
      description: { type: 'string' },
      impact: { enum: ['1', '2', '3', 1, 2, 3] },
      urgency: { enum: ['1', '2', '3', 1, 2, 3] },
      correlation_id: { type: 'string', maxLength: 100 },
    },
  },
  // glide.rest.max_content_length's default (10 MB).
  maxBodyBytes: 10_000_000,
  urlPath: { pattern: '^/api/now/(v\\d+/)?table/', message: 'the URL must be the Table API, …/api/now/table/<table>.' },
};

export const servicenow: WebhookPreset = {
  id: 'servicenow',
  name: 'ServiceNow incident',
  description: 'Open a ServiceNow incident for each new access request, correlated by the Apono request id.',
  urls: [{ domains: ['service-now.com', 'servicenowservices.com'], path: /^\/api\/now\//i }],
  webhook: presetWebhook({
    name: 'ServiceNowIncidents',
    url: 'https://<INSTANCE>.service-now.com/api/now/table/incident',
    headers: [{ key: 'Accept', value: 'application/json' }],
    auth: {
      type: 'oauth2',
      clientId: '<CLIENT_ID>',
      clientSecret: '${env:SERVICENOW_CLIENT_SECRET}',
      tokenUrl: 'https://<INSTANCE>.service-now.com/oauth_token.do',
      scopes: [],
      clientAuthMethod: 'post',
    },
    triggers: ['RequestCreated'],
    contract: contract.id,
    bodyTemplate: `{
  "short_description": "Apono access request {{data.friendly_id}} ({{event_type}}) by {{data.requester.email}}",
  "description": "Requester: {{data.requester.email}} (Apono user {{data.requester.id}})\\nRequest: {{data.friendly_id}} ({{data.id}})\\nAccess flow id: {{data.access_flow.id}}{{#if data.access_bundle}}\\nBundle id: {{data.access_bundle.id}}{{/if}}\\nResources:\\n{{#each data.access_groups}}{{#each access_units}}- {{../integration.name}} / {{resource.name}}: {{permission.name}}\\n{{/each}}{{else}}none listed\\n{{/each}}",
  "category": "inquiry",
  "impact": "3",
  "urgency": "3",
  "correlation_id": "{{data.id}}",
  "correlation_display": "Apono"
}
`,
  }),
  setup: [
    '<INSTANCE> is your instance name, e.g. acme for acme.service-now.com.',
    'Client credentials are off by default: in sys_properties.list create the system property glide.oauth.inbound.client.credential.grant_type.enabled (type true | false) and set it to true.',
    'Register an OAuth API endpoint for external clients (System OAuth → Application Registry); <CLIENT_ID> is its client ID and SERVICENOW_CLIENT_SECRET its secret.',
    'On that OAuth client record, add the "OAuth Application User" field to the form (Configure → Form Design) and set it to the user the incidents are created as (one with the itil role); tokens issued by client credentials act as that user.',
  ],
  hints: [
    { text: 'unsupported_grant_type', hint: 'ServiceNow does not accept client credentials yet: set the system property glide.oauth.inbound.client.credential.grant_type.enabled to true.' },
    { status: 401, hint: 'ServiceNow refused the token: check glide.oauth.inbound.client.credential.grant_type.enabled is true and the OAuth client has an OAuth Application User with the itil role.' },
    { status: 403, hint: 'The OAuth user may not create incidents: give it the itil role (or a role with create on the incident table).' },
    { status: 400, text: 'invalid', hint: 'ServiceNow rejected a field value: impact and urgency are "1"–"3"; category must be one of your instance\'s choices.' },
  ],
  docUrl: DOC,
  contract,
};
