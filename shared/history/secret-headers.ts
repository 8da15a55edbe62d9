/**
 * Where secrets sit in a recorded request, and which environment variable stands in for each.
 *
 * A record holds masked values only (see `shared/delivery/masking.ts`); exports put `$ENV` references in
 * their place, named as the definition-file export names them, so one set of variables serves both.
 */
import type { InvocationRecord } from '../delivery/invocation';
import { secretEnvName } from '../model/definition-secrets';
import { envNamesIn, hasEnvReference } from '../model/env-references';
import { ENV_REFERENCE, MASKED_SECRET } from '../model/webhook';

/** A masked header value: what stays visible (`Bearer `) and the variable for the hidden part. */
export interface MaskedHeader {
  /** Text before the secret, e.g. `Bearer ` (empty for a whole-value secret). */
  prefix: string;
  envName: string;
  /** Lower-case header name, the key of `revealed` values. */
  key: string;
  /** The header's value as the webhook writes it, when it reads variables inside (`Splunk ${env:HEC_TOKEN}`). */
  template?: string;
}

/** The recorded webhook's value for header `name` when it reads `${env:…}` (keepEnvReferences keeps it), else null. */
export function envTemplate(record: Pick<InvocationRecord, 'webhook'>, name: string): string | null {
  const key = name.toLowerCase();
  const header = record.webhook.headers.find((h) => h.key.toLowerCase() === key && hasEnvReference(h.value));
  return header ? header.value : null;
}

/** How a header value is masked, or `null` when it holds no masked secret. */
export function maskedHeader(record: Pick<InvocationRecord, 'webhookName' | 'webhook'>, name: string, value: string): MaskedHeader | null {
  const key = name.toLowerCase();
  // The variable the webhook itself reads (kept in the record, see keepEnvReferences), else the export's name.
  const envOf = (stored: string | undefined, role: string) => ENV_REFERENCE.exec(stored ?? '')?.[1] ?? secretEnvName(record.webhookName, role);
  const auth = record.webhook.auth;
  // A header written with references inside (`Authorization: Splunk ${env:HEC_TOKEN}`) names its own
  // variables and is filled whole (its clear value is the whole resolved header value).
  const templated = value.includes(MASKED_SECRET) && (auth.type === 'none' || key !== 'authorization') ? envTemplate(record, name) : null;
  if (templated !== null) return { prefix: '', envName: envNamesIn(templated)[0]!, key, template: templated };
  if (value === MASKED_SECRET) {
    const header = record.webhook.headers.find((h) => h.secret && h.key.toLowerCase() === key);
    return { prefix: '', envName: envOf(header?.value, name), key };
  }
  if (!value.endsWith(MASKED_SECRET)) return null;
  const prefix = value.slice(0, -MASKED_SECRET.length);
  if (key === 'authorization' || key === 'proxy-authorization') {
    if (auth.type === 'bearer') return { prefix, envName: envOf(auth.token, 'token'), key };
    if (auth.type === 'basic') return { prefix, envName: envOf(auth.password, 'password'), key };
    return { prefix, envName: secretEnvName(record.webhookName, auth.type === 'oauth2' ? 'access token' : name), key };
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
