import type { WebhookPreset } from './preset';
import { ALL_REQUEST_TRIGGERS, presetWebhook } from './preset-webhook';
import { logFields } from './common-fields';
import type { TargetContract } from '../contracts/target-contract';

/**
 * Splunk HTTP Event Collector (POST /services/collector/event).
 *
 * Docs: https://help.splunk.com/splunk-enterprise/get-data-in/collect-http-event-data/format-events-for-http-event-collector
 * HEC authenticates with `Authorization: Splunk <hec_token>` (or Basic auth with the token as the password, or
 * `?token=` where query-string auth is enabled); a Bearer header is refused with 401. The event envelope is
 * `{ time?, host?, source?, sourcetype?, index?, event, fields? }` and `event` must not be empty ("No data").
 */
const DOC = 'https://help.splunk.com/splunk-enterprise/get-data-in/collect-http-event-data/format-events-for-http-event-collector';

const contract: TargetContract = {
  id: 'splunk-hec',
  target: 'Splunk',
  docUrl: DOC,
  auth: [{ header: 'Authorization', prefix: 'Splunk ' }, { header: 'Authorization', prefix: 'Basic ' }, { query: 'token' }],
  framing: { kind: 'object' },
  schema: {
    type: 'object',
    required: ['event'],
    properties: {
      event: { type: ['object', 'string'], minProperties: 1, minLength: 1, description: 'the event data; empty is refused with "No data"' },
      time: { type: ['number', 'string'] },
      host: { type: 'string' },
      source: { type: 'string' },
      sourcetype: { type: 'string' },
      index: { type: 'string' },
      // Indexed fields must be flat: a value is a string or an array of strings.
      fields: { type: 'object' },
    },
  },
  // Splunk Cloud Platform's HEC max content length (Splunk Enterprise defaults higher, see limits.conf [http_input]).
  maxBodyBytes: 1_000_000,
};

export const splunk: WebhookPreset = {
  id: 'splunk',
  name: 'Splunk HEC',
  description: 'Index every access-request event in Splunk through the HTTP Event Collector.',
  // HEC's path is distinctive enough to recognise a self-hosted Splunk on any host.
  urls: [{ path: /^\/services\/collector(\/|$)/i }],
  webhook: presetWebhook({
    name: 'SplunkHec',
    url: 'https://<SPLUNK_HEC_HOST>/services/collector/event',
    headers: [{ key: 'Authorization', value: 'Splunk ${env:SPLUNK_HEC_TOKEN}' }],
    contract: contract.id,
    triggers: ALL_REQUEST_TRIGGERS,
    bodyTemplate: `{
  "source": "apono",
  "sourcetype": "_json",
  "event": {
${logFields('    ')}
  },
  "fields": { "severity": "INFO", "category": ["Apono"] }
}
`,
  }),
  setup: [
    '<SPLUNK_HEC_HOST> is your HEC host, e.g. http-inputs-acme.splunkcloud.com. Apono calls only the default HTTPS port, so a HEC on :8088 needs a proxy or load balancer on 443.',
    'Set SPLUNK_HEC_TOKEN to the HEC token (Settings → Data inputs → HTTP Event Collector). It is sent as "Authorization: Splunk <token>", the form HEC documents; a Bearer header is refused.',
  ],
  hints: [
    { status: 401, hint: 'Splunk wants the HEC token as "Authorization: Splunk <token>" (not Bearer): keep the preset\'s Authorization header and Authentication set to none.' },
    { status: 403, text: 'invalid token', hint: 'The HEC token is unknown or disabled: copy it again and check the input is enabled.' },
    { status: 400, text: 'incorrect index', hint: 'The token may not write to the chosen index: add the index to the token\'s allowed indexes.' },
    { status: 400, text: 'no data', hint: 'Splunk received an empty event: the rendered body must have a non-empty "event".' },
  ],
  docUrl: DOC,
  contract,
};
