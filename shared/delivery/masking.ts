/**
 * Masking secrets out of what a delivery records.
 *
 * The record is shown, stored and exported, so it must never hold a plain secret. Masking is by name
 * (secret headers, `Authorization`) and by value (any occurrence of a known secret), because a secret can
 * also end up in a header the user did not flag or in a form body.
 */
import { basicCredentials } from '../model/basic-auth';
import { envFields, hasEnvReference } from '../model/env-references';
import { secretSlots } from '../model/secret-slots';
import { MASKED_SECRET, type Webhook, type WebhookInput } from '../model/webhook';
import type { HeaderPair } from './invocation';

/** Keeps an auth scheme visible and masks its credential: `Bearer abc` → `Bearer ••••••••`. */
export function maskAuthorization(value: string): string {
  const m = /^(\s*[A-Za-z][A-Za-z0-9._~+-]*\s+)\S/.exec(value);
  return m ? `${m[1]}${MASKED_SECRET}` : MASKED_SECRET;
}

/** Replaces every occurrence of each secret (and its URL-encoded form) in a text. Secrets shorter than 4 chars are ignored to keep text readable. */
export function maskText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (s.length < 4) continue;
    for (const form of new Set([s, encodeURIComponent(s)])) out = out.split(form).join(MASKED_SECRET);
  }
  return out;
}

/**
 * Masks header values: `Authorization` and `Proxy-Authorization` keep their scheme, headers named in
 * `secretNames` (case-insensitive) are masked whole, and known secret values are masked anywhere.
 */
export function maskHeaders(headers: readonly HeaderPair[], secretNames: readonly string[], secrets: readonly string[]): HeaderPair[] {
  const names = new Set(secretNames.map((n) => n.toLowerCase()));
  return headers.map(([name, value]): HeaderPair => {
    const lower = name.toLowerCase();
    if (lower === 'authorization' || lower === 'proxy-authorization') return [name, maskAuthorization(value)];
    if (names.has(lower)) return [name, MASKED_SECRET];
    return [name, maskText(value, secrets)];
  });
}

/**
 * The values each resolved webhook read from the environment (`${env:NAME}` anywhere: URL, headers, auth).
 *
 * Kept beside the webhook, not on it: a field on the object would travel with every spread and JSON write
 * into records and files, which is exactly where these values must never go. Weak, so it dies with the webhook.
 */
const readFromEnv = new WeakMap<object, readonly string[]>();

/** Records that `webhook` (resolved for sending) holds `values` read from the environment: they are secrets. */
export function rememberEnvValues(webhook: object, values: readonly string[]): void {
  readFromEnv.set(webhook, [...(readFromEnv.get(webhook) ?? []), ...values]);
}

/**
 * Every plain secret of a webhook whose secrets are resolved: secret header values, the bearer token, the Basic
 * password and credentials, the client secret, the client key, and every value read from the environment.
 */
export function webhookSecrets(webhook: Pick<Webhook, 'headers' | 'auth' | 'network'>): string[] {
  const out = webhook.headers.filter((h) => h.secret).map((h) => h.value);
  if (webhook.auth.type === 'bearer') out.push(webhook.auth.token);
  if (webhook.auth.type === 'basic' && webhook.auth.password !== '') {
    // The header carries base64(user:password): masking it by value covers echoes outside `Authorization`.
    out.push(webhook.auth.password, basicCredentials(webhook.auth.username, webhook.auth.password));
  }
  if (webhook.auth.type === 'oauth2') out.push(webhook.auth.clientSecret);
  if (webhook.network?.clientKeyPem) out.push(webhook.network.clientKeyPem);
  out.push(...(readFromEnv.get(webhook) ?? []));
  return [...new Set(out.filter((s) => s !== ''))];
}

/** A copy of a webhook with every secret replaced by {@link MASKED_SECRET}, for the record. */
export function maskWebhook(webhook: Webhook): Webhook {
  // Values read from the environment may sit inside any field (a `?token=` in the URL, a user name).
  const secrets = webhookSecrets(webhook);
  const a = webhook.auth;
  const auth: Webhook['auth'] =
    a.type === 'bearer'
      ? { ...a, token: MASKED_SECRET }
      : a.type === 'basic'
        ? { ...a, username: maskText(a.username, secrets), password: MASKED_SECRET }
        : a.type === 'oauth2'
          ? { ...a, clientId: maskText(a.clientId, secrets), tokenUrl: maskText(a.tokenUrl, secrets), scopes: [...a.scopes], clientSecret: MASKED_SECRET }
          : { ...a };
  const masked: Webhook = {
    ...webhook,
    url: maskText(webhook.url, secrets),
    headers: webhook.headers.map((h) =>
      h.secret
        ? { ...h, value: MASKED_SECRET }
        : h.key.toLowerCase() === 'authorization'
          ? { ...h, value: maskAuthorization(h.value) }
          : { ...h, value: maskText(h.value, secrets) },
    ),
    auth,
    triggers: [...webhook.triggers],
    filters: webhook.filters.map((f) => ({ ...f, values: [...f.values] })),
    responseValidators: webhook.responseValidators.map((v) => ({ ...v, expectedValues: [...v.expectedValues] })),
  };
  if (webhook.network) masked.network = webhook.network.clientKeyPem ? { ...webhook.network, clientKeyPem: MASKED_SECRET } : { ...webhook.network };
  return masked;
}

/**
 * A masked webhook (for a record) with each field the stored webhook writes with `${env:NAME}` references
 * (a whole secret, `Splunk ${env:HEC_TOKEN}`, a `?token=${env:…}` URL) shown as written again. A reference
 * names a variable, not the secret, and exports need it: a curl command must ask for the variable the user
 * actually sets, not a made-up `HOOKSMITH_…` one.
 */
export function keepEnvReferences<W extends WebhookInput>(masked: W, stored: WebhookInput): W {
  const refs = new Map(secretSlots(stored).filter((s) => hasEnvReference(s.value)).map((s) => [s.identity, s.value]));
  const fields = new Map(envFields(stored).filter((f) => hasEnvReference(f.value)).map((f) => [f.field, f.value]));
  if (refs.size === 0 && fields.size === 0) return masked;
  const out = structuredClone(masked);
  for (const field of envFields(out)) {
    const written = fields.get(field.field);
    if (written !== undefined) field.set(written);
  }
  for (const slot of secretSlots(out)) {
    const ref = refs.get(slot.identity);
    if (ref !== undefined && slot.value === MASKED_SECRET) slot.set(ref);
  }
  return out;
}
