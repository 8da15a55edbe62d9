import type { WebhookPreset } from './preset';
import { ALL_REQUEST_TRIGGERS, presetWebhook } from './preset-webhook';
import type { TargetContract } from '../contracts/target-contract';

/**
 * Microsoft Sentinel through the Azure Monitor Logs Ingestion API: an array of rows in the custom table the
 * guide suggests (spec §7, S18), with an OAuth client-credentials token for monitor.azure.com. The guide's
 * requester_name and justification columns are left out: free text (see FREE_TEXT_NOTE).
 */
const DOC = 'https://learn.microsoft.com/en-us/azure/azure-monitor/logs/logs-ingestion-api-overview';

/**
 * Docs: https://learn.microsoft.com/en-us/azure/azure-monitor/logs/logs-ingestion-api-overview (a JSON array, a
 * Bearer token for https://monitor.azure.com, 1 MB per call) and
 * https://learn.microsoft.com/en-us/azure/azure-monitor/data-collection/data-collection-transformations (the DCR's
 * `transformKql`). Apono's `event_time` is epoch seconds, so the DCR declares TimeGenerated as a string in its
 * stream and the transform turns it into the table's datetime.
 */
const contract: TargetContract = {
  id: 'azure-logs-ingestion',
  target: 'Azure Monitor (Sentinel)',
  docUrl: DOC,
  auth: [{ header: 'Authorization', prefix: 'Bearer ' }],
  framing: { kind: 'array', maxItems: 10_000 },
  schema: { type: 'object', required: ['TimeGenerated'], properties: { TimeGenerated: { type: 'string', minLength: 1 } } },
  maxBodyBytes: 1_000_000,
  urlPath: { pattern: '^/dataCollectionRules/[^/]+/streams/[^/]+$', message: 'the URL must be …/dataCollectionRules/<immutable id>/streams/<stream>?api-version=….' },
};

/** The DCR transform that makes TimeGenerated a datetime from the epoch seconds Apono sends. */
export const SENTINEL_TRANSFORM = 'source | extend TimeGenerated = unixtime_seconds_todatetime(todouble(TimeGenerated))';

export const sentinel: WebhookPreset = {
  id: 'sentinel',
  name: 'Microsoft Sentinel',
  description: 'Write every access-request event to a Log Analytics custom table that Sentinel rules can alert on.',
  urls: [{ domains: ['ingest.monitor.azure.com'], path: /^\/dataCollectionRules\//i }],
  webhook: presetWebhook({
    name: 'SentinelEvents',
    url: 'https://<DCE_HOST>.ingest.monitor.azure.com/dataCollectionRules/<DCR_IMMUTABLE_ID>/streams/Custom-<TABLE>_CL?api-version=2023-01-01',
    auth: {
      type: 'oauth2',
      clientId: '<APP_CLIENT_ID>',
      clientSecret: '${env:SENTINEL_CLIENT_SECRET}',
      tokenUrl: 'https://login.microsoftonline.com/<TENANT_ID>/oauth2/v2.0/token',
      scopes: ['https://monitor.azure.com/.default'],
      clientAuthMethod: 'post',
    },
    triggers: ALL_REQUEST_TRIGGERS,
    contract: contract.id,
    bodyTemplate: `[
  {
    "TimeGenerated": "{{event_time}}",
    "event_type": "{{event_type}}",
    "request_id": "{{data.friendly_id}}",
    "requester_id": "{{data.requester.id}}",
    "requester_email": "{{data.requester.email}}",
    "integration_name": "{{data.access_groups.[0].integration.name}}",
    "resource_id": "{{data.access_groups.[0].access_units.[0].resource.id}}",
    "resource_name": "{{data.access_groups.[0].access_units.[0].resource.name}}",
    "permission": "{{data.access_groups.[0].access_units.[0].permission.name}}"
  }
]
`,
  }),
  setup: [
    'Create a data collection endpoint and rule for a custom table <TABLE>_CL with these string columns; <DCE_HOST> is the endpoint\'s logs ingestion host, <DCR_IMMUTABLE_ID> the rule\'s immutable id.',
    'Register an Entra app, grant it "Monitoring Metrics Publisher" on the rule; <TENANT_ID> and <APP_CLIENT_ID> come from it, SENTINEL_CLIENT_SECRET is its client secret.',
    `TimeGenerated arrives as epoch seconds in a string: declare it as "string" in the DCR's stream (streamDeclarations) and set the data flow's transformKql to: ${SENTINEL_TRANSFORM} — the table's TimeGenerated is then the event's time as a datetime.`,
  ],
  hints: [
    { status: 401, hint: 'Azure refused the token: the scope must be https://monitor.azure.com/.default and the token must come from the tenant that owns the rule.' },
    { status: 403, hint: 'The app may not write to this rule: assign it "Monitoring Metrics Publisher" on the data collection rule (it can take 30 minutes to apply).' },
    { status: 404, hint: 'Azure does not know the rule or stream: check the immutable id and that the stream is named Custom-<table>_CL.' },
    { text: 'invalid_client', hint: 'The token endpoint refused the client ID or secret: check both, and that the secret has not expired.' },
  ],
  docUrl: DOC,
  contract,
};
