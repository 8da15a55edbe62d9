import type { WebhookPreset } from './preset';
import { presetWebhook } from './preset-webhook';

/**
 * Freshdesk: create a ticket (POST /api/v2/tickets). Required: a requester (here the email), subject,
 * description (HTML), status and priority. The requester is identified by email (Freshdesk creates the contact
 * when it is new); the description lists every resource and carries no free text (see FREE_TEXT_NOTE).
 */
export const freshdesk: WebhookPreset = {
  id: 'freshdesk',
  name: 'Freshdesk',
  description: 'Open a Freshdesk ticket for each new access request, raised by the requester.',
  urls: [{ domains: ['freshdesk.com'], path: /^\/api\/v2\//i }],
  webhook: presetWebhook({
    name: 'FreshdeskTickets',
    url: 'https://<SUBDOMAIN>.freshdesk.com/api/v2/tickets',
    headers: [{ key: 'Authorization', value: '${env:FRESHDESK_BASIC_AUTH}', secret: true }],
    triggers: ['RequestCreated'],
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
    'Set FRESHDESK_BASIC_AUTH to "Basic " followed by base64 of "<your API key>:X" (the API key is the user name, X the password); find the key under Profile settings.',
  ],
  hints: [
    { status: 401, hint: 'Freshdesk uses Basic auth with the API key as the user name and any password (X): Authorization must be "Basic " + base64("APIKEY:X"), not the bare key or a Bearer token.' },
    { status: 400, text: 'invalid_value', hint: 'A ticket field has a value Freshdesk does not accept: status 2–5 and priority 1–4 are the built-in values; custom statuses use their own numbers.' },
    { status: 400, text: 'missing_field', hint: 'Freshdesk needs a requester (email, requester_id or phone), subject, description, status and priority; a request with no requester email leaves "email" empty.' },
    { status: 403, hint: 'The API key\'s agent may not create tickets in this helpdesk, or the plan does not include the API.' },
    { status: 429, hint: 'Freshdesk rate limit reached (per minute, per plan): space out tests.' },
  ],
};
