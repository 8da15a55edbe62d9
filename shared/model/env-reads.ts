/**
 * Which environment variables a webhook reads, and where their values go.
 *
 * A definition file or bundle is often someone else's file: it chooses both the variables and the URL, so
 * an import must say which variables each webhook reads and the origin each one is sent to, and Hooksmith's
 * own variables (its master key, its home folder) are never read from a definition at all.
 */
import type { FieldIssue } from '../api/result';
import type { WebhookInput } from './webhook';

/**
 * The variables Hooksmith reads for itself. Never expanded from a definition: `${env:HOOKSMITH_SECRET_KEY}`
 * in a header would send the key that decrypts every stored secret to the file's URL.
 *
 * A list rather than every `HOOKSMITH_` name, because exports name their placeholders
 * `HOOKSMITH_<webhook>_<role>` (docs/definition-files.md) and those must keep working when imported.
 */
export const HOOKSMITH_OWN_VARIABLES: readonly string[] = ['HOOKSMITH_SECRET_KEY', 'HOOKSMITH_HOME'];

/** True for a variable Hooksmith reads for itself (see {@link HOOKSMITH_OWN_VARIABLES}), in any case (Windows ignores it). */
export function isHooksmithVariable(name: string): boolean {
  return HOOKSMITH_OWN_VARIABLES.includes(name.toUpperCase());
}

/** One variable a webhook reads: where it is written and the origin its value is sent to. */
export interface EnvRead {
  /** The variable, e.g. `SPLUNK_HEC_TOKEN`. */
  variable: string;
  /** The field that reads it, e.g. `headers.0.value`, `auth.clientSecret`, `url`. */
  field: string;
  /** Scheme, host and port the value goes to, e.g. `https://hec.example.com:8088`. */
  origin: string;
}

const ENV_IN_TEXT = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Every text field of a webhook that can read a variable, with where its value is sent. */
function readingFields(w: WebhookInput): Array<{ field: string; value: string; to: 'url' | 'token' }> {
  const out: Array<{ field: string; value: string; to: 'url' | 'token' }> = [{ field: 'url', value: w.url, to: 'url' }];
  w.headers.forEach((h, i) => out.push({ field: `headers.${i}.value`, value: h.value, to: 'url' }, { field: `headers.${i}.key`, value: h.key, to: 'url' }));
  const a = w.auth;
  if (a.type === 'bearer') out.push({ field: 'auth.token', value: a.token, to: 'url' });
  // Basic credentials travel in the webhook request's Authorization header.
  if (a.type === 'basic') out.push({ field: 'auth.username', value: a.username, to: 'url' }, { field: 'auth.password', value: a.password, to: 'url' });
  if (a.type === 'oauth2') {
    // The client credentials go to the token endpoint, not to the webhook's URL.
    out.push({ field: 'auth.clientId', value: a.clientId, to: 'token' }, { field: 'auth.clientSecret', value: a.clientSecret, to: 'token' }, { field: 'auth.tokenUrl', value: a.tokenUrl, to: 'token' });
    a.scopes.forEach((s, i) => out.push({ field: `auth.scopes.${i}`, value: s, to: 'token' }));
  }
  for (const [key, value] of Object.entries(w.network ?? {})) if (typeof value === 'string') out.push({ field: `network.${key}`, value, to: 'url' });
  return out;
}

/**
 * The origin of a URL as a reader should see it. A URL whose scheme or host is itself read from a variable
 * has no origin known in advance, so it is shown as written.
 */
export function originOf(url: string): string {
  const authority = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/.exec(url)?.[0];
  if (authority === undefined) return url === '' ? '(no URL)' : url;
  if (authority.includes('${')) return `${authority} (read from the environment)`;
  try {
    return new URL(authority).origin;
  } catch {
    return authority;
  }
}

/** Each `${env:NAME}` a webhook reads, in field order, with the origin its value goes to. */
export function envReads(w: WebhookInput): EnvRead[] {
  const reads: EnvRead[] = [];
  const origins = { url: originOf(w.url), token: w.auth.type === 'oauth2' ? originOf(w.auth.tokenUrl) : '' };
  for (const { field, value, to } of readingFields(w)) {
    for (const m of value.matchAll(ENV_IN_TEXT)) reads.push({ variable: m[1]!, field, origin: origins[to] });
  }
  return reads;
}

/** Errors for each field that names one of Hooksmith's own variables, saying what to write instead. */
export function hooksmithVariableIssues(w: WebhookInput): FieldIssue[] {
  return envReads(w)
    .filter((r) => isHooksmithVariable(r.variable))
    .map((r) => ({
      field: r.field,
      message: `${r.field} reads \${env:${r.variable}}, one of Hooksmith's own variables, which a webhook never reads (it would send Hooksmith's own setting to ${r.origin}); put the secret in a variable of its own, e.g. \${env:MY_WEBHOOK_TOKEN}.`,
    }));
}

/** One line per webhook for an import's report: `Name reads A (headers.0.value), B (auth.token) and sends them to https://…`. */
export function envReadsLine(name: string, reads: readonly EnvRead[]): string {
  if (reads.length === 0) return `${name} reads no environment variables.`;
  const byOrigin = new Map<string, string[]>();
  for (const r of reads) byOrigin.set(r.origin, [...(byOrigin.get(r.origin) ?? []), `${r.variable} (${r.field})`]);
  const parts = [...byOrigin].map(([origin, vars]) => `${vars.join(', ')} → ${origin}`);
  return `${name} reads from the environment: ${parts.join('; ')}.`;
}
