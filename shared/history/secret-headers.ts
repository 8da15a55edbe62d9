/**
 * Where secrets sit in a recorded request, and which environment variable stands in for each.
 *
 * A record holds masked values only (see `shared/delivery/masking.ts`); exports put `$ENV` references in
 * their place, named as the definition-file export names them, so one set of variables serves both.
 */
import type { InvocationRecord } from '../delivery/invocation';
import { secretEnvName } from '../model/definition-secrets';
import { MASKED_SECRET } from '../model/webhook';

/** A masked header value: what stays visible (`Bearer `) and the variable for the hidden part. */
export interface MaskedHeader {
  /** Text before the secret, e.g. `Bearer ` (empty for a whole-value secret). */
  prefix: string;
  envName: string;
  /** Lower-case header name, the key of `revealed` values. */
  key: string;
}

/** How a header value is masked, or `null` when it holds no masked secret. */
export function maskedHeader(record: Pick<InvocationRecord, 'webhookName' | 'webhook'>, name: string, value: string): MaskedHeader | null {
  const key = name.toLowerCase();
  if (value === MASKED_SECRET) return { prefix: '', envName: secretEnvName(record.webhookName, name), key };
  if (!value.endsWith(MASKED_SECRET)) return null;
  const prefix = value.slice(0, -MASKED_SECRET.length);
  if (key === 'authorization' || key === 'proxy-authorization') {
    const auth = record.webhook.auth.type;
    const role = auth === 'bearer' ? 'token' : auth === 'oauth2' ? 'access token' : name;
    return { prefix, envName: secretEnvName(record.webhookName, role), key };
  }
  return null;
}

/**
 * Headers that carry a credential by name: any `Authorization`, cookies, API keys, tokens, secrets,
 * passwords and signatures. An importer that cannot ask the user marks these secret, because a value
 * kept as an ordinary header sits in clear in the data file and in every export.
 */
const CREDENTIAL_NAME = /^(?:proxy-)?authorization$|^cookie$|api[-_]?key|(?:^|[-_])token$|secret|passw(?:or)?d|signature/;

/** True when a header of this name carries a credential (see {@link CREDENTIAL_NAME}). */
export function isCredentialHeader(name: string): boolean {
  return CREDENTIAL_NAME.test(name.toLowerCase());
}
