import type { WebhookPreset } from './preset';
import { presetWebhook } from './preset-webhook';
import type { JsonSchema } from '../contracts/json-schema';
import type { TargetContract } from '../contracts/target-contract';

/**
 * Jira Cloud: create an issue, in REST API v2 (plain-text description) and v3 (Atlassian Document Format).
 *
 * Docs: https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-issues/#api-rest-api-2-issue-post
 *       https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-post
 *       https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/ (ADF: `{ type: "doc", version: 1, content }`)
 *       https://developer.atlassian.com/cloud/jira/platform/basic-auth-for-rest-apis/ (Basic: account email + API token)
 * v2 takes `description` as a string, v3 only as an ADF document: a v2 body sent to v3 is refused with 400, so
 * the URL rules (and the contracts) tell the two apart by the path's version.
 */
const DOC_V2 = 'https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-issues/#api-rest-api-2-issue-post';
const DOC_V3 = 'https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-post';

/** The `fields` both versions share; `description` differs. */
function issueSchema(description: JsonSchema): JsonSchema {
  return {
    type: 'object',
    required: ['fields'],
    properties: {
      fields: {
        type: 'object',
        required: ['project', 'issuetype', 'summary'],
        properties: {
          project: { type: 'object', minProperties: 1, description: '{ "key": "OPS" } or { "id": "10000" }' },
          issuetype: { type: 'object', minProperties: 1 },
          summary: { type: 'string', minLength: 1, maxLength: 255 },
          description,
          // A label cannot contain spaces.
          labels: { type: 'array', items: { type: 'string', pattern: '^\\S+$' } },
        },
      },
    },
  };
}

const JIRA_AUTH: TargetContract['auth'] = [{ header: 'Authorization', prefix: 'Basic ' }, { header: 'Authorization', prefix: 'Bearer ' }];

const contractV2: TargetContract = {
  id: 'jira-v2',
  target: 'Jira',
  docUrl: DOC_V2,
  auth: JIRA_AUTH,
  framing: { kind: 'object' },
  schema: issueSchema({ type: 'string' }),
  maxBodyBytes: 10_000_000,
  urlPath: {
    pattern: '^/rest/api/(2|latest)/issue/?$',
    message: 'this body is for REST API v2 (a plain-text description), so the URL must end in /rest/api/2/issue; API v3 wants the description as an Atlassian Document Format object (use the Jira (REST API v3) preset).',
  },
};

const contractV3: TargetContract = {
  id: 'jira-v3',
  target: 'Jira',
  docUrl: DOC_V3,
  auth: JIRA_AUTH,
  framing: { kind: 'object' },
  schema: issueSchema({
    type: 'object',
    required: ['type', 'version', 'content'],
    properties: { type: { const: 'doc' }, version: { const: 1 }, content: { type: 'array', items: { type: 'object', required: ['type'] } } },
    description: 'an Atlassian Document Format document, not a string',
  }),
  maxBodyBytes: 10_000_000,
  urlPath: {
    pattern: '^/rest/api/3/issue/?$',
    message: 'this body is for REST API v3 (an Atlassian Document Format description), so the URL must end in /rest/api/3/issue.',
  },
};

const RESOURCES = '{{#each data.access_groups}}{{#each access_units}}* {{../integration.name}} / {{resource.name}}: {{permission.name}}\\n{{/each}}{{/each}}';

const SETUP = (version: string) => [
  '<SITE> is your Jira Cloud site, e.g. acme for acme.atlassian.net.',
  '<PROJECT_KEY> (in the body) is the project key, e.g. OPS; the issue type "Task" must exist in that project, and any field the project makes mandatory must be added to the body.',
  `Authentication is Basic: <ATLASSIAN_EMAIL> is your Atlassian account email and JIRA_API_TOKEN an API token (id.atlassian.com → Security → API tokens). In Apono, add an Authorization header with the value the form shows (Basic + base64 of email:token).`,
  `The URL is REST API ${version}: ${version === 'v2' ? 'its description is plain text' : 'its description is an Atlassian Document Format object'}; do not point it at the other version.`,
];

const HINTS: WebhookPreset['hints'] = [
  { status: 401, hint: 'Jira Cloud uses Basic auth with your Atlassian email and an API token (not your password): Authorization must be "Basic " + base64("email:token").' },
  { status: 400, text: 'project', hint: 'Jira does not know the project: set "project": { "key": "…" } to an existing project key you can create issues in.' },
  { status: 400, text: 'issuetype', hint: 'The issue type does not exist in that project: use one of the project\'s issue type names, e.g. Task or Bug.' },
  { status: 400, text: 'Operation value must be', hint: 'The description\'s shape does not match the API version: v2 takes a string, v3 an Atlassian Document Format object. Check the URL\'s /rest/api/2 or /3.' },
  { status: 400, text: 'cannot be set', hint: 'A field is not on the project\'s create screen (e.g. labels): remove it from the body or add it to the screen.' },
  { status: 403, hint: 'The account may not create issues in this project: grant it the Create Issues permission.' },
];

const AUTH = { type: 'basic' as const, username: '<ATLASSIAN_EMAIL>', password: '${env:JIRA_API_TOKEN}' };

/** Jira Cloud REST API v2: `description` is plain text. */
export const jira: WebhookPreset = {
  id: 'jira',
  name: 'Jira',
  description: 'Create a Jira issue for each new access request, labelled with the Apono request id.',
  urls: [{ domains: ['atlassian.net', 'jira.com'], path: /^\/rest\/api\/(2|latest)\/issue\/?$/i }],
  webhook: presetWebhook({
    name: 'JiraIssues',
    url: 'https://<SITE>.atlassian.net/rest/api/2/issue',
    auth: AUTH,
    contract: contractV2.id,
    triggers: ['RequestCreated'],
    bodyTemplate: `{
  "fields": {
    "project": { "key": "<PROJECT_KEY>" },
    "issuetype": { "name": "Task" },
    "summary": "Apono access request {{data.friendly_id}} by {{data.requester.email}}",
    "description": "Event: {{event_type}}\\nRequester: {{data.requester.email}}\\nRequest id: {{data.id}}\\n\\nResources:\\n${RESOURCES}",
    "labels": ["apono", "{{data.friendly_id}}"]
  }
}
`,
  }),
  setup: SETUP('v2'),
  hints: HINTS,
  docUrl: DOC_V2,
  contract: contractV2,
};

/** Jira Cloud REST API v3: `description` is an Atlassian Document Format document (paragraphs of text). */
export const jiraV3: WebhookPreset = {
  id: 'jira-v3',
  name: 'Jira (REST API v3)',
  description: 'Create a Jira issue through REST API v3, its description in Atlassian Document Format.',
  urls: [{ domains: ['atlassian.net', 'jira.com'], path: /^\/rest\/api\/3\/issue\/?$/i }],
  webhook: presetWebhook({
    name: 'JiraIssuesV3',
    url: 'https://<SITE>.atlassian.net/rest/api/3/issue',
    auth: AUTH,
    contract: contractV3.id,
    triggers: ['RequestCreated'],
    bodyTemplate: `{
  "fields": {
    "project": { "key": "<PROJECT_KEY>" },
    "issuetype": { "name": "Task" },
    "summary": "Apono access request {{data.friendly_id}} by {{data.requester.email}}",
    "description": {
      "type": "doc",
      "version": 1,
      "content": [
        { "type": "paragraph", "content": [{ "type": "text", "text": "Event: {{event_type}}" }] },
        { "type": "paragraph", "content": [{ "type": "text", "text": "Requester: {{data.requester.email}}" }] },
        { "type": "paragraph", "content": [{ "type": "text", "text": "Request id: {{data.id}}" }] },
        { "type": "paragraph", "content": [{ "type": "text", "text": "Resources:\\n${RESOURCES}" }] }
      ]
    },
    "labels": ["apono", "{{data.friendly_id}}"]
  }
}
`,
  }),
  setup: SETUP('v3'),
  hints: HINTS,
  docUrl: DOC_V3,
  contract: contractV3,
};
