/**
 * The headers a webhook will send, as far as a target's auth rule can tell before sending: its own headers,
 * with the Authentication setting's `Authorization` in place of a custom one (as `deliver` does). Values keep
 * their `${env:…}` references and stored secrets stay masked: only the scheme word matters to the check.
 */
import type { WebhookInput } from '../model/webhook';

/** The planned header list of `w`. */
export function plannedHeaders(w: Pick<WebhookInput, 'headers' | 'auth'>): Array<[string, string]> {
  const own = w.headers.map((h): [string, string] => [h.key, h.value]);
  const a = w.auth;
  // The credential itself cannot be known offline (a token endpoint, a masked secret); the scheme can.
  const authorization = a.type === 'bearer' || a.type === 'oauth2' ? 'Bearer <token>' : a.type === 'basic' ? 'Basic <user:password>' : null;
  if (authorization === null) return own;
  return [...own.filter(([n]) => n.toLowerCase() !== 'authorization'), ['Authorization', authorization]];
}
