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

/** Secrets shorter than this are left alone: masking every `ab` would make text unreadable and protect nothing. */
const MIN_SECRET_LENGTH = 4;

/** Base64 of UTF-8 bytes; written out here because `shared/` has neither `Buffer` nor (in every runtime) `btoa` of bytes. */
function base64(bytes: Uint8Array, url: boolean): string {
  const abc = url ? 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_' : 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) out += abc[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

/**
 * The base64 text that a secret becomes inside any longer base64 string (an echoed `Basic` credential, a
 * binary body), whatever its byte offset: for each of the three alignments, only the characters made of the
 * secret's bits alone (the first group, which shares bits with what comes before, and the last, which
 * shares bits with what follows, are left out). Unpadded, so the whole-value form is covered too.
 */
function base64Forms(secret: string, bytes: Uint8Array = new TextEncoder().encode(secret)): string[] {
  const forms = [base64(bytes, false), base64(bytes, true)];
  for (const url of [false, true]) {
    for (let lead = 0; lead < 3; lead++) {
      const padded = new Uint8Array(lead + bytes.length);
      padded.set(bytes, lead);
      const text = base64(padded, url);
      // Characters wholly inside the secret: from the first group boundary at or after its start to the
      // last whole group before its end.
      const from = lead === 0 ? 0 : 4;
      const to = Math.floor((lead + bytes.length) / 3) * 4;
      const core = text.slice(from, to);
      if (core.length >= 8) forms.push(core);
    }
  }
  return forms;
}

/** URL-encoded forms; none for a string with a lone surrogate, which `encodeURI*` cannot encode (it throws). */
function urlForms(secret: string): string[] {
  try {
    const component = encodeURIComponent(secret);
    // Some clients percent-encode every byte, letters too (`%74%6F%6B`).
    const everyByte = [...new TextEncoder().encode(secret)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
    return [component, component.replace(/%20/g, '+'), encodeURI(secret), everyByte];
  } catch {
    return [];
  }
}

/**
 * Every form a secret takes in text a server or Hooksmith writes: raw, JSON-escaped (a quote or backslash in
 * the secret is escaped when echoed inside JSON, and non-ASCII may come back as `\uXXXX`), URL-encoded
 * (`encodeURIComponent`, form encoding with `+` for spaces, and `encodeURI`, which leaves `/?&=` alone) and
 * base64 (standard and URL-safe, at any alignment). Longest first, so a longer form is masked whole.
 */
export function secretForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const jsonAscii = json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  // PHP's json_encode (and others) also escape `/` as `\/`.
  const jsonSlashes = json.replace(/\//g, '\\/');
  const url = urlForms(secret);
  // A client_secret_basic credential is form-urlencoded before base64 (RFC 6749 §2.3.1), so a server echoing
  // that header holds the base64 of the URL-encoded secret.
  const encodedBase64 = url.slice(0, 2).filter((u) => u !== secret).flatMap((u) => base64Forms(u));
  // A header goes out as Latin-1 bytes (RFC 9110 §5.5), so base64 of an echoed header holds those, not UTF-8.
  const latin1 = /[\x80-\xff]/.test(secret) && !/[^\x00-\xff]/.test(secret) ? base64Forms(secret, Uint8Array.from(secret, (c) => c.charCodeAt(0))) : [];
  const forms = [secret, json, jsonAscii, jsonSlashes, ...url, ...base64Forms(secret), ...encodedBase64, ...latin1];
  // Percent-encoding is case-insensitive (RFC 3986 §2.1): servers that re-encode often use lower case.
  forms.push(...forms.filter((f) => /%[0-9A-F]{2}/.test(f)).map((f) => f.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase())));
  return [...new Set(forms)].filter((f) => f.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `[0-9a-fA-F]` spelling of one hex number in either case, for a text escape of a code (`00e9` → `00[eE]9`). */
const anyCaseHex = (hex: string): string => hex.replace(/[a-f]/gi, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`);
/** HTML's named references for the characters every escaper encodes (WHATWG HTML §13.5). */
const NAMED_ENTITIES: Readonly<Record<string, string>> = { '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' };
/** JSON's short escapes (RFC 8259 §7), `/` included: PHP and others write `\/`. */
const JSON_SHORT: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', '\b': 'b', '\f': 'f', '\n': 'n', '\r': 'r', '\t': 't' };

/**
 * A pattern matching one character of a secret in any way a server may have escaped it: as itself, as a JSON
 * escape (`\"`, `\u00e9`, `\u00E9`, a surrogate pair; Go writes `&` as `\u0026`, .NET `+` as `\u002B`), as an
 * HTML character reference (`&amp;`, `&#39;`, `&#x27;`, `&#X3D;`: HTML escapers each pick their own, so all are
 * accepted) or percent-encoded (any case, RFC 3986 §2.1; `+` for a space in forms). Letters and digits are taken
 * as themselves only: no escaper but a whole-value percent-encoding rewrites them, and that is a fixed form.
 */
function charPattern(ch: string): string {
  // Literal letters and digits keep the pattern fast (V8 searches for literal runs); every byte
  // percent-encoded is a fixed form of secretForms.
  if (/^[A-Za-z0-9]$/.test(ch)) return ch;
  const cp = ch.codePointAt(0) ?? 0;
  const alts = [escapeRegExp(ch)];
  const units = [...Array(ch.length).keys()].map((i) => ch.charCodeAt(i).toString(16).padStart(4, '0'));
  alts.push(units.map((u) => `\\\\u${anyCaseHex(u)}`).join(''));
  const short = JSON_SHORT[ch];
  if (short !== undefined) alts.push(`\\\\${escapeRegExp(short)}`);
  alts.push(`&#0*${cp};`, `&#[xX]0*${anyCaseHex(cp.toString(16))};`);
  const named = NAMED_ENTITIES[ch];
  if (named !== undefined) alts.push(`&${named};`);
  // Every byte of its UTF-8 form, whether or not `encodeURIComponent` would encode it (Python's `quote` encodes
  // `'()*!`); a lone surrogate has no UTF-8 form.
  const lone = ch.length === 1 && cp >= 0xd800 && cp <= 0xdfff;
  if (!lone) alts.push([...new TextEncoder().encode(ch)].map((b) => `%${anyCaseHex(b.toString(16).padStart(2, '0'))}`).join(''));
  if (ch === ' ') alts.push('\\+');
  return `(?:${alts.join('|')})`;
}

/**
 * A pattern matching a secret with any mix of the per-character escapes of {@link charPattern}.
 */
function escapedPattern(secret: string): RegExp {
  return new RegExp([...secret].map(charPattern).join(''), 'g');
}

/**
 * What a secret becomes on its way into a header: a field value carries bytes up to 0xFF only (RFC 9110 §5.5),
 * so the HTTP client (axios' `sanitizeByteStringHeaderValue`) drops control characters and anything beyond
 * Latin-1, and trims spaces and tabs around the whole value. A server echoing the header echoes that, not the
 * typed secret, so both forms are masked: the dropped-characters form, and it trimmed (a whole header value).
 */
function headerForms(secret: string): string[] {
  const bytes = secret.replace(/[^\t\x20-\x7e\x80-\xff]+/g, '');
  return [bytes, bytes.replace(/^[ \t]+|[ \t]+$/g, '')];
}

/** A function masking every form of `secrets` in a text; the forms are worked out once. */
function masker(secrets: readonly string[]): (text: string) => string {
  const usable = [...new Set(secrets.flatMap((s) => [s, ...headerForms(s)]))].filter((s) => s.length >= MIN_SECRET_LENGTH);
  const forms = [...new Set(usable.flatMap(secretForms))].sort((a, b) => b.length - a.length);
  const patterns = [...new Set(usable)].map(escapedPattern);
  return (text) => {
    let out = text;
    for (const form of forms) if (out.includes(form)) out = out.split(form).join(MASKED_SECRET);
    // Escapes the fixed forms do not list (HTML references, other encoders' JSON, mixed escapes).
    for (const pattern of patterns) out = out.replace(pattern, MASKED_SECRET);
    return out;
  };
}

/** Replaces every occurrence of each secret, in each of its {@link secretForms}, in a text. Secrets shorter than 4 chars are ignored to keep text readable. */
export function maskText(text: string, secrets: readonly string[]): string {
  return masker(secrets)(text);
}

/**
 * A copy of any JSON value with every string (object keys included) passed through {@link maskText}.
 *
 * Records are masked whole with this where they are built, so a secret cannot survive in a field nobody
 * thought of (a response header, an error message, a URL, a warning) and reach the history or an export.
 */
export function maskDeep<T>(value: T, secrets: readonly string[]): T {
  if (!secrets.some((s) => s.trim().length >= MIN_SECRET_LENGTH)) return value;
  const mask = masker(secrets);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return mask(v);
    if (Array.isArray(v)) return v.map(walk);
    // fromEntries defines own properties, so a `__proto__` key stays a key and never becomes a prototype.
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, inner]) => [mask(k), walk(inner)]));
    return v;
  };
  return walk(value) as T;
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
