import type { WebhookPreset } from './preset';
import { ALL_REQUEST_TRIGGERS, presetWebhook } from './preset-webhook';
import { logFields } from './common-fields';

/**
 * Datadog logs intake (POST /api/v2/logs): a JSON array of log objects. Apono's guide sends the attributes
 * as a stringified `message`; here they are real attributes (Datadog indexes them directly) and `message`
 * stays a one-line summary.
 */
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
    '<DATADOG_SITE> is your Datadog site: datadoghq.com (US1), us3.datadoghq.com, us5.datadoghq.com, datadoghq.eu or ap1.datadoghq.com.',
    'Set DD_API_KEY to an API key (Organization settings → API keys). The logs intake needs no application key.',
  ],
  hints: [
    { status: 403, hint: 'Datadog refused the API key: check DD-API-KEY holds an API key (not an application key) of the same site as the URL.' },
    { status: 400, hint: 'Datadog could not read the log: the body must be a JSON array (or object) of logs, each under 1 MB.' },
    { status: 413, hint: 'The payload is over Datadog\'s 5 MB limit: a request with very many access units makes a large body.' },
  ],
};
