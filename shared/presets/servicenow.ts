import type { WebhookPreset } from './preset';
import { presetWebhook } from './preset-webhook';

/**
 * ServiceNow Table API: create an incident (POST /api/now/table/incident). The requester is named by email and
 * Apono user id, not by name (see FREE_TEXT_NOTE); `correlation_id` ties the incident to the request.
 */
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
    'Register an OAuth API endpoint for external clients (System OAuth → Application Registry) with the client credentials grant; <CLIENT_ID> is its client ID and SERVICENOW_CLIENT_SECRET its secret.',
  ],
  hints: [
    { status: 401, hint: 'ServiceNow refused the token: check the OAuth application allows the client credentials grant and is bound to a user with the itil role.' },
    { status: 403, hint: 'The OAuth user may not create incidents: give it the itil role (or a role with create on the incident table).' },
    { status: 400, text: 'invalid', hint: 'ServiceNow rejected a field value: impact and urgency are "1"–"3"; category must be one of your instance\'s choices.' },
  ],
};
