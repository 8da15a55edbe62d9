import type { WebhookPreset } from './preset';
import { ALL_REQUEST_TRIGGERS, presetWebhook } from './preset-webhook';
import { logFields } from './common-fields';
import type { TargetContract } from '../contracts/target-contract';

/**
 * Datadog logs intake (POST /api/v2/logs): a JSON array of log objects. Apono's guide sends the attributes
 * as a stringified `message`; here they are real attributes (Datadog indexes them directly) and `message`
 * stays a one-line summary.
 */
const DOC = 'https://docs.datadoghq.com/api/latest/logs/#send-logs';

/**
 * Docs: https://docs.datadoghq.com/api/latest/logs/#send-logs (DD-API-KEY header; an array of up to 1,000 logs,
 * 5 MB per payload, 1 MB per log) and https://docs.datadoghq.com/getting_started/site/ (the sites).
 * Datadog dates a log by `timestamp`/`date` only in ISO 8601 or epoch milliseconds
 * (https://docs.datadoghq.com/logs/log_configuration/processors/log_date_remapper/); Apono's `event_time` is epoch
 * seconds, which Handlebars cannot multiply, so it is sent as `apono.event_time` (a date remapper can use it) and
 * Datadog stamps the log with its arrival, which for a webhook is the event's time within seconds.
 */
const contract: TargetContract = {
  id: 'datadog-logs',
  target: 'Datadog',
  docUrl: DOC,
  auth: [{ header: 'DD-API-KEY', prefix: '' }],
  framing: { kind: 'array', maxItems: 1000 },
  schema: {
    type: 'object',
    required: ['message'],
    properties: { ddsource: { type: 'string' }, ddtags: { type: 'string' }, hostname: { type: 'string' }, service: { type: 'string' }, message: { type: 'string' }, status: { type: 'string' } },
  },
  maxBodyBytes: 5_000_000,
  maxItemBytes: 1_000_000,
  urlPath: { pattern: '^/api/v2/logs/?$', message: 'the logs intake URL is https://http-intake.logs.<site>/api/v2/logs.' },
};

export const datadog: WebhookPreset = {
  id: 'datadog',
  name: 'Datadog logs',
  description: 'Send every access-request event to Datadog Logs as a structured log with Apono attributes.',
  urls: [{ domains: ['datadoghq.com', 'datadoghq.eu', 'ddog-gov.com'], path: /^\/(api\/v2\/logs|v1\/input)/i }],
  webhook: presetWebhook({
    name: 'DatadogLogs',
    url: 'https://http-intake.logs.<DATADOG_SITE>/api/v2/logs',
    headers: [{ key: 'DD-API-KEY', value: '${env:DD_API_KEY}', secret: true }],
    triggers: ALL_REQUEST_TRIGGERS,
    contract: contract.id,
    bodyTemplate: `[
  {
    "ddsource": "apono",
    "ddtags": "source:apono,event:{{event_type}}",
    "hostname": "apono",
    "service": "apono",
    "status": "info",
    "message": "Apono {{event_type}} {{data.friendly_id}} by {{data.requester.email}}",
    "apono": {
${logFields('      ')}
    }
  }
]
`,
  }),
  setup: [
    '<DATADOG_SITE> is your Datadog site (the end of the address you log in at): datadoghq.com (US1), us3.datadoghq.com (US3), us5.datadoghq.com (US5), datadoghq.eu (EU1), ap1.datadoghq.com (AP1), ap2.datadoghq.com (AP2), uk1.datadoghq.com (UK1) or ddog-gov.com (US1-FED, gov).',
    'The event\'s time is sent as apono.event_time (epoch seconds). Datadog dates logs by ISO 8601 or epoch milliseconds only, so it stamps each log on arrival (the event\'s time, within seconds); to date by apono.event_time exactly, add a pipeline that converts it and a date remapper.',
    'Set DD_API_KEY to an API key (Organization settings → API keys). The logs intake needs no application key.',
  ],
  hints: [
    { status: 403, hint: 'Datadog refused the API key: check DD-API-KEY holds an API key (not an application key) of the same site as the URL.' },
    { status: 400, hint: 'Datadog could not read the log: the body must be a JSON array (or object) of logs, each under 1 MB.' },
    { status: 413, hint: 'The payload is over Datadog\'s 5 MB limit: a request with very many access units makes a large body.' },
  ],
  docUrl: DOC,
  contract,
};
