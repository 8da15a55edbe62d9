/**
 * Masking secrets out of what a delivery records.
 *
 * The record is shown, stored and exported, so it must never hold a plain secret. Masking is by name
 * (secret headers, `Authorization`) and by value (any occurrence of a known secret), because a secret can
 * also end up in a header the user did not flag or in a form body.
 */
import { secretSlots } from '../model/secret-slots';
import { ENV_REFERENCE, MASKED_SECRET, type Webhook, type WebhookInput } from '../model/webhook';
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

/** Every plain secret of a webhook whose secrets are resolved: secret header values, the bearer token, the client secret, the client key. */
export function webhookSecrets(webhook: Pick<Webhook, 'headers' | 'auth' | 'network'>): string[] {
  const out = webhook.headers.filter((h) => h.secret).map((h) => h.value);
  if (webhook.auth.type === 'bearer') out.push(webhook.auth.token);
  if (webhook.auth.type === 'oauth2') out.push(webhook.auth.clientSecret);
  if (webhook.network?.clientKeyPem) out.push(webhook.network.clientKeyPem);
  return out.filter((s) => s !== '');
}

/** A copy of a webhook with every secret replaced by {@link MASKED_SECRET}, for the record. */
export function maskWebhook(webhook: Webhook): Webhook {
  const auth: Webhook['auth'] =
    webhook.auth.type === 'bearer'
      ? { ...webhook.auth, token: MASKED_SECRET }
      : webhook.auth.type === 'oauth2'
        ? { ...webhook.auth, scopes: [...webhook.auth.scopes], clientSecret: MASKED_SECRET }
        : { ...webhook.auth };
  const masked: Webhook = {
    ...webhook,
    headers: webhook.headers.map((h) =>
      h.secret ? { ...h, value: MASKED_SECRET } : h.key.toLowerCase() === 'authorization' ? { ...h, value: maskAuthorization(h.value) } : { ...h },
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
 * A masked webhook (for a record) with each secret the stored webhook writes as `${env:NAME}` shown as that
 * reference again. The reference names a variable, not the secret, and exports need it: a curl command must ask
 * for the variable the user actually sets, not a made-up `HOOKSMITH_…` one.
 */
export function keepEnvReferences<W extends WebhookInput>(masked: W, stored: WebhookInput): W {
  const refs = new Map(secretSlots(stored).filter((s) => ENV_REFERENCE.test(s.value)).map((s) => [s.identity, s.value]));
  if (refs.size === 0) return masked;
  const out = structuredClone(masked);
  for (const slot of secretSlots(out)) {
    const ref = refs.get(slot.identity);
    if (ref !== undefined && slot.value === MASKED_SECRET) slot.set(ref);
  }
  return out;
}
