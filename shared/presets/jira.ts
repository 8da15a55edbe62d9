import type { WebhookPreset } from './preset';
import { presetWebhook } from './preset-webhook';

/**
 * Jira Cloud: create an issue. REST API v2 is used because its `description` is plain text; v3 wants an
 * Atlassian Document Format object.
 */
export const jira: WebhookPreset = {
  id: 'jira',
  name: 'Jira',
  description: 'Create a Jira issue for each new access request, labelled with the Apono request id.',
  urls: [{ domains: ['atlassian.net', 'jira.com'], path: /^\/rest\/api\/(2|3|latest)\/issue\/?$/i }],
  webhook: presetWebhook({
    name: 'JiraIssues',
    url: 'https://<SITE>.atlassian.net/rest/api/2/issue',
    headers: [{ key: 'Authorization', value: '${env:JIRA_BASIC_AUTH}', secret: true }],
    triggers: ['RequestCreated'],
    bodyTemplate: `{
  "fields": {
    "project": { "key": "<PROJECT_KEY>" },
    "issuetype": { "name": "Task" },
    "summary": "Apono access request {{data.friendly_id}} by {{data.requester.email}}",
    "description": "Event: {{event_type}}\\nRequester: {{data.requester.email}}\\nRequest id: {{data.id}}\\n\\nResources:\\n{{#each data.access_groups}}{{#each access_units}}* {{../integration.name}} / {{resource.name}}: {{permission.name}}\\n{{/each}}{{/each}}",
    "labels": ["apono", "{{data.friendly_id}}"]
  }
}
`,
  }),
  setup: [
    '<SITE> is your Jira Cloud site, e.g. acme for acme.atlassian.net.',
    '<PROJECT_KEY> (in the body) is the project key, e.g. OPS; the issue type "Task" must exist in that project.',
    'Set JIRA_BASIC_AUTH to "Basic " followed by base64 of "<your email>:<API token>" (id.atlassian.com → Security → API tokens).',
  ],
  hints: [
    { status: 401, hint: 'Jira Cloud uses Basic auth with your Atlassian email and an API token (not your password): Authorization must be "Basic " + base64("email:token").' },
    { status: 400, text: 'project', hint: 'Jira does not know the project: set "project": { "key": "…" } to an existing project key you can create issues in.' },
    { status: 400, text: 'issuetype', hint: 'The issue type does not exist in that project: use one of the project\'s issue type names, e.g. Task or Bug.' },
    { status: 400, text: 'cannot be set', hint: 'A field is not on the project\'s create screen (e.g. labels): remove it from the body or add it to the screen.' },
    { status: 403, hint: 'The account may not create issues in this project: grant it the Create Issues permission.' },
  ],
};
