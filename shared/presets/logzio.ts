import type { WebhookPreset } from './preset';
import { ALL_REQUEST_TRIGGERS, presetWebhook } from './preset-webhook';
import { logFields } from './common-fields';

/** Logz.io HTTPS log listener; the shipping token travels in the query string (spec §7, S16). */
export const logzio: WebhookPreset = {
  id: 'logzio',
  name: 'Logz.io',
  description: 'Ship every access-request event to Logz.io as a JSON log of type Apono.',
  urls: [{ domains: ['logz.io'] }],
  webhook: presetWebhook({
    name: 'LogzioLogs',
    url: 'https://<LISTENER_HOST>/?token=<LOG_SHIPPING_TOKEN>&type=Apono',
    triggers: ALL_REQUEST_TRIGGERS,
    bodyTemplate: `{
  "type": "Apono",
  "message": "Apono {{event_type}} {{data.friendly_id}} by {{data.requester.email}}",
${logFields('  ')}
}
`,
  }),
  setup: [
    '<LISTENER_HOST> is your region\'s listener, e.g. listener.logz.io or listener-eu.logz.io. Apono allows no port in the URL, so use a listener that answers on 443.',
    '<LOG_SHIPPING_TOKEN> is the account\'s log shipping token (Settings → Manage tokens). It stays in the URL, so treat the webhook\'s URL as a secret.',
  ],
  hints: [
    { status: 401, hint: 'Logz.io refused the shipping token in ?token=…: copy the log shipping token (not an API token) of the right account and region.' },
    { status: 400, hint: 'Logz.io could not parse the log: the body must be one JSON object per line, each under 500 KB.' },
    { status: 413, hint: 'The log is over Logz.io\'s size limit: very many access units make a large body.' },
  ],
};
