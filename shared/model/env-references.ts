/**
 * `${env:NAME}` references anywhere inside a value: the places real targets put credentials.
 *
 * Splunk HEC wants `Authorization: Splunk <token>`, Logz.io and Slack put the token in the URL, Jira wants
 * `Basic base64(user:token)`: a reference that could only be a whole value would force users to keep the
 * scheme word inside the variable. So a reference may sit anywhere in a header value, the bearer token, the
 * OAuth fields, the Basic auth fields and the URL (path and query); each is read when the webhook is sent.
 */
import type { WebhookInput } from './webhook';

/** One `${env:NAME}` inside a longer text (global: use with `matchAll` / `replace`). */
const ENV_REFERENCE_INSIDE = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** True when `text` reads at least one environment variable. */
export function hasEnvReference(text: string): boolean {
  return /\$\{env:[A-Za-z_][A-Za-z0-9_]*\}/.test(text);
}

/** The variables `text` reads, each once, in order of first appearance. */
export function envNamesIn(text: string): string[] {
  return [...new Set([...text.matchAll(ENV_REFERENCE_INSIDE)].map((m) => m[1]!))];
}

/** `text` cut into literal pieces and references, in order (for writing it as a shell word, say). */
export function splitEnvReferences(text: string): Array<{ text: string } | { env: string }> {
  const parts: Array<{ text: string } | { env: string }> = [];
  let last = 0;
  for (const m of text.matchAll(ENV_REFERENCE_INSIDE)) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index) });
    parts.push({ env: m[1]! });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

/** `text` with every reference replaced by what `lookup` gives for its name (the name is passed once per occurrence). */
export function replaceEnvReferences(text: string, lookup: (name: string) => string): string {
  return text.replace(ENV_REFERENCE_INSIDE, (_, name: string) => lookup(name));
}

/** The outcome of reading a value's references: the value, the variables' values read, the names that are unset. */
export interface ExpandedValue {
  value: string;
  /** The values read from the environment: secrets by construction, so the masker hides them. */
  read: string[];
  missing: string[];
}

/** Expands every reference in `text` from `env`; unset names are listed in `missing` (and left as written). */
export function expandEnvReferences(text: string, env: Readonly<Record<string, string | undefined>>): ExpandedValue {
  const read: string[] = [];
  const missing: string[] = [];
  const value = replaceEnvReferences(text, (name) => {
    // Own properties only: a name such as `constructor` must not read Object.prototype.
    const v = Object.prototype.hasOwnProperty.call(env, name) ? env[name] : undefined;
    if (v === undefined) {
      if (!missing.includes(name)) missing.push(name);
      return `\${env:${name}}`;
    }
    read.push(v);
    return v;
  });
  return { value, read, missing };
}

/** One webhook field that may hold references: its path, how the form names it, and a setter into the webhook. */
export interface EnvField {
  field: string;
  label: string;
  value: string;
  set(value: string): void;
}

/**
 * The fields of `w` read through the environment when sending; `set` writes into `w` itself.
 *
 * Every text the request is built from, except the body template (event data, not configuration) and the
 * host-less parts a reference could not name anyway.
 */
export function envFields(w: WebhookInput): EnvField[] {
  const fields: EnvField[] = [{ field: 'url', label: 'The URL', value: w.url, set: (v) => (w.url = v) }];
  w.headers.forEach((h, i) => fields.push({ field: `headers.${i}.value`, label: `The ${h.key} header`, value: h.value, set: (v) => (h.value = v) }));
  const auth = w.auth;
  if (auth.type === 'bearer') fields.push({ field: 'auth.token', label: 'The bearer token', value: auth.token, set: (v) => (auth.token = v) });
  if (auth.type === 'basic') {
    fields.push({ field: 'auth.username', label: 'The Basic auth user name', value: auth.username, set: (v) => (auth.username = v) });
    fields.push({ field: 'auth.password', label: 'The Basic auth password', value: auth.password, set: (v) => (auth.password = v) });
  }
  if (auth.type === 'oauth2') {
    fields.push({ field: 'auth.clientId', label: 'The OAuth2 client ID', value: auth.clientId, set: (v) => (auth.clientId = v) });
    fields.push({ field: 'auth.clientSecret', label: 'The OAuth2 client secret', value: auth.clientSecret, set: (v) => (auth.clientSecret = v) });
    fields.push({ field: 'auth.tokenUrl', label: 'The OAuth2 token URL', value: auth.tokenUrl, set: (v) => (auth.tokenUrl = v) });
  }
  return fields;
}

