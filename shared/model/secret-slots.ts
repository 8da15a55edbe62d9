/**
 * The secret-bearing fields of a webhook, listed in one place so that storing, exporting and checking
 * secrets (in the main process and in shared importers alike) always covers the same fields.
 */
import type { WebhookInput } from './webhook';

/** One secret-bearing field of a webhook: where it is, what identifies it across edits, and how to change it. */
export interface SecretSlot {
  field: string;
  /** Stable identity across edits (header key, auth field), so "unchanged" finds the previous value. */
  identity: string;
  /** The secret's role as export placeholders name it (`…_TOKEN`, `…_CLIENT_SECRET`, `…_X_API_KEY`). */
  role: string;
  value: string;
  set(value: string): void;
}

/** The secret slots of `w`; `set` writes into `w` itself. */
export function secretSlots(w: WebhookInput): SecretSlot[] {
  const slots: SecretSlot[] = [];
  w.headers.forEach((h, i) => {
    if (h.secret) slots.push({ field: `headers.${i}.value`, identity: `header:${h.key.toLowerCase()}`, role: h.key, value: h.value, set: (v) => (h.value = v) });
  });
  const auth = w.auth;
  if (auth.type === 'bearer') slots.push({ field: 'auth.token', identity: 'auth:bearer', role: 'token', value: auth.token, set: (v) => (auth.token = v) });
  if (auth.type === 'basic') slots.push({ field: 'auth.password', identity: 'auth:basic', role: 'password', value: auth.password, set: (v) => (auth.password = v) });
  if (auth.type === 'oauth2') {
    slots.push({ field: 'auth.clientSecret', identity: 'auth:oauth2', role: 'client secret', value: auth.clientSecret, set: (v) => (auth.clientSecret = v) });
  }
  const network = w.network;
  if (network?.clientKeyPem !== undefined) {
    slots.push({ field: 'network.clientKeyPem', identity: 'network:client-key', role: 'client key', value: network.clientKeyPem, set: (v) => (network.clientKeyPem = v) });
  }
  return slots;
}
