import type { WebhookPreset } from './preset';
import { presetWebhook } from './preset-webhook';
import type { TargetContract } from '../contracts/target-contract';

/**
 * Freshdesk: create a ticket (POST /api/v2/tickets). Required: a requester (here the email), subject,
 * description (HTML), status and priority. The requester is identified by email (Freshdesk creates the contact
 * when it is new); the description lists every resource and carries no free text (see FREE_TEXT_NOTE).
 */
const DOC = 'https://developers.freshdesk.com/api/#create_ticket';

/**
 * Docs: https://developers.freshdesk.com/api/#create_ticket and https://developers.freshdesk.com/api/#authentication
 * (Basic auth with the API key as the user name and any password, X by convention). `status` and `priority` are
 * numbers (a string is refused with 400 "invalid_value"); fields the helpdesk marks mandatory must be sent too.
 */
const contract: TargetContract = {
  id: 'freshdesk-ticket',
  target: 'Freshdesk',
  docUrl: DOC,
  auth: [{ header: 'Authorization', prefix: 'Basic ' }],
  framing: { kind: 'object' },
  schema: {
    type: 'object',
    required: ['subject', 'description', 'status', 'priority'],
    properties: {
      email: { type: 'string', minLength: 3 },
      subject: { type: 'string', minLength: 1 },
      description: { type: 'string', minLength: 1 },
      status: { type: 'integer', enum: [2, 3, 4, 5], description: '2 Open, 3 Pending, 4 Resolved, 5 Closed' },
      priority: { type: 'integer', enum: [1, 2, 3, 4], description: '1 Low, 2 Medium, 3 High, 4 Urgent' },
      source: { type: 'integer', enum: [1, 2, 3, 7, 9, 10] },
      tags: { type: 'array', items: { type: 'string' } },
      custom_fields: { type: 'object' },
    },
  },
  maxBodyBytes: 20_000_000,
  urlPath: { pattern: '^/api/v2/tickets/?$', message: 'the URL must be …/api/v2/tickets.' },
};

export const freshdesk: WebhookPreset = {
  id: 'freshdesk',
  name: 'Freshdesk',
  description: 'Open a Freshdesk ticket for each new access request, raised by the requester.',
  urls: [{ domains: ['freshdesk.com'], path: /^\/api\/v2\//i }],
  webhook: presetWebhook({
    name: 'FreshdeskTickets',
    url: 'https://<SUBDOMAIN>.freshdesk.com/api/v2/tickets',
    auth: { type: 'basic', username: '${env:FRESHDESK_API_KEY}', password: '${env:FRESHDESK_PASSWORD}' },
    triggers: ['RequestCreated'],
    contract: contract.id,
    bodyTemplate: `{
  "email": "{{data.requester.email}}",
  "subject": "Apono access request {{data.friendly_id}} by {{data.requester.email}}",
  "description": "<p>Request <b>{{data.friendly_id}}</b> ({{event_type}}) by {{data.requester.email}}, Apono request id {{data.id}}.</p><ul>{{#each data.access_groups}}{{#each access_units}}<li>{{../integration.name}} / {{resource.name}}: {{permission.name}}</li>{{/each}}{{else}}<li>No resources listed</li>{{/each}}</ul>{{#if data.access_bundle}}<p>Bundle id: {{data.access_bundle.id}}</p>{{/if}}",
  "status": 2,
  "priority": 1,
  "tags": ["apono", "{{data.friendly_id}}"]
}
`,
  }),
  setup: [
    '<SUBDOMAIN> is the first part of your helpdesk address, e.g. acme for acme.freshdesk.com.',
    'Authentication is Basic with your API key as the user name (set FRESHDESK_API_KEY; find the key under Profile settings) and any password: set FRESHDESK_PASSWORD=X, as Freshdesk\'s examples do. In Apono, add an Authorization header with the value the form shows.',
    'Mandatory custom fields: if your helpdesk marks ticket fields as required (Admin → Ticket Fields → "Required when submitting the form"), add each to the body under "custom_fields": { "cf_<field_name>": … } with a valid value, or Freshdesk refuses the ticket with 400 missing_field.',
    'status and priority are numbers (status 2 Open … 5 Closed, priority 1 Low … 4 Urgent); a quoted "2" is refused.',
  ],
  hints: [
    { status: 401, hint: 'Freshdesk uses Basic auth with the API key as the user name and any password (X): Authorization must be "Basic " + base64("APIKEY:X"), not the bare key or a Bearer token.' },
    { status: 400, text: 'invalid_value', hint: 'A ticket field has a value Freshdesk does not accept: status 2–5 and priority 1–4 are the built-in values; custom statuses use their own numbers.' },
    { status: 400, text: 'missing_field', hint: 'Freshdesk needs a requester (email, requester_id or phone), subject, description, status and priority; a request with no requester email leaves "email" empty.' },
    { status: 403, hint: 'The API key\'s agent may not create tickets in this helpdesk, or the plan does not include the API.' },
    { status: 429, hint: 'Freshdesk rate limit reached (per minute, per plan): space out tests.' },
  ],
  docUrl: DOC,
  contract,
};
