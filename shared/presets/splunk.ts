import type { WebhookPreset } from './preset';
import { ALL_REQUEST_TRIGGERS, presetWebhook } from './preset-webhook';
import { logFields } from './common-fields';

/** Splunk HTTP Event Collector (POST /services/collector/event). */
export const splunk: WebhookPreset = {
  id: 'splunk',
  name: 'Splunk HEC',
  description: 'Index every access-request event in Splunk through the HTTP Event Collector.',
  // HEC's path is distinctive enough to recognise a self-hosted Splunk on any host.
  urls: [{ path: /^\/services\/collector(\/|$)/i }],
  webhook: presetWebhook({
    name: 'SplunkHec',
    url: 'https://<SPLUNK_HEC_HOST>/services/collector/event',
    auth: { type: 'bearer', token: '${env:SPLUNK_HEC_TOKEN}' },
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
    'Set SPLUNK_HEC_TOKEN to the HEC token (Settings → Data inputs → HTTP Event Collector).',
  ],
  hints: [
    { status: 401, hint: 'Splunk wants the HEC token: some deployments accept only "Authorization: Splunk <token>" — if Bearer is refused, set Authentication to none and add that header.' },
    { status: 403, text: 'invalid token', hint: 'The HEC token is unknown or disabled: copy it again and check the input is enabled.' },
    { status: 400, text: 'incorrect index', hint: 'The token may not write to the chosen index: add the index to the token\'s allowed indexes.' },
    { status: 400, text: 'no data', hint: 'Splunk received an empty event: the rendered body must have a non-empty "event".' },
  ],
};
