import type { WebhookPreset } from './preset';
import { ALL_REQUEST_TRIGGERS, presetWebhook } from './preset-webhook';
import { logFieldsInline } from './common-fields';
import type { TargetContract } from '../contracts/target-contract';

/**
 * Logz.io HTTPS log listener, bulk upload (spec §7, S16).
 *
 * Docs: https://docs.logz.io/docs/shipping/Code/HTTP
 * The shipping token travels in the query string (`?token=…&type=…`). The body is "a list of logs in minified
 * JSON format, with each log separated by a newline": a pretty-printed object is read as many broken lines
 * (400 with `malformedLines`). So the template renders ONE line, one minified object, for every sample. Limits:
 * 10,485,760 bytes per body, 500,000 bytes per line.
 */
const DOC = 'https://docs.logz.io/docs/shipping/Code/HTTP';

const contract: TargetContract = {
  id: 'logzio-bulk',
  target: 'Logz.io',
  docUrl: DOC,
  auth: [{ query: 'token' }],
  framing: { kind: 'lines' },
  schema: { type: 'object', minProperties: 1, properties: { message: { type: 'string' }, type: { type: 'string', pattern: '^\\S+$' } } },
  maxBodyBytes: 10_485_760,
  maxItemBytes: 500_000,
};

export const logzio: WebhookPreset = {
  id: 'logzio',
  name: 'Logz.io',
  description: 'Ship every access-request event to Logz.io as a JSON log of type Apono.',
  urls: [{ domains: ['logz.io'] }],
  webhook: presetWebhook({
    name: 'LogzioLogs',
    // The token is a credential in the URL: read from the environment, so records and exports mask it.
    url: 'https://<LISTENER_HOST>/?token=${env:LOGZIO_TOKEN}&type=Apono',
    triggers: ALL_REQUEST_TRIGGERS,
    contract: contract.id,
    // One line, no line break anywhere (not even at the end): each line the listener reads must be a whole log.
    bodyTemplate: `{"type": "Apono", "message": "Apono {{event_type}} {{data.friendly_id}} by {{data.requester.email}}", ${logFieldsInline()}}`,
  }),
  setup: [
    '<LISTENER_HOST> is your region\'s listener, e.g. listener.logz.io or listener-eu.logz.io. Logz.io documents HTTPS on port 8071 and Apono allows no port in the URL, so use a listener (or a proxy) that answers on 443.',
    'Set LOGZIO_TOKEN to the account\'s log shipping token (Settings → Manage tokens → Data shipping tokens). It is read into the URL when sending and masked in the history and exports; in Apono, paste the URL with the token.',
    'The body is one minified JSON object on a single line, as the listener requires (one log per line): keep it on one line when you edit it.',
  ],
  hints: [
    { status: 401, hint: 'Logz.io refused the shipping token in ?token=…: copy the log shipping token (not an API token) of the right account and region.' },
    { status: 400, text: 'malformedLines', hint: 'Logz.io read lines that are not JSON: the body must be one minified JSON object per line — a pretty-printed object is many broken lines.' },
    { status: 400, hint: 'Logz.io could not parse the log: the body must be one JSON object per line, each under 500,000 bytes.' },
    { status: 413, hint: 'The log is over Logz.io\'s size limit (10 MB per body, 500,000 bytes per line): very many access units make a large body.' },
  ],
  docUrl: DOC,
  contract,
};
