/**
 * Network settings that travel with a webhook (and their app-wide counterpart): extra CAs, a client
 * certificate, a proxy and, for local testing only, TLS verification off.
 *
 * The machine-wide layer stays in the environment (NODE_EXTRA_CA_CERTS, HTTPS_PROXY, NO_PROXY); the delivery
 * service merges environment → app settings → webhook → one test's overrides.
 */
import type { FieldIssue } from '../api/result';
import { describeType, fieldPath, isRecord, readBoolean, readString, type JsonObject } from './shape-check';
import { ENV_REFERENCE, MASKED_SECRET } from './webhook';

/** Per-webhook network settings; every field optional, and an empty object is never stored. */
export interface WebhookNetwork {
  /** Accept any server certificate. Local testing only: Apono always verifies, so the UI and every record warn. */
  insecureTls?: boolean;
  /** Extra trusted CA certificate(s), PEM, added to the system roots (not replacing them). */
  extraCaPem?: string;
  /** Client certificate (PEM chain) for mutual TLS; needs {@link clientKeyPem}. */
  clientCertPem?: string;
  /** The client certificate's private key. A secret: `${env:NAME}`, a stored reference, or masked, as for headers. */
  clientKeyPem?: string;
  /** `http://` or `https://` proxy for this webhook; absent means the app setting, then HTTPS_PROXY. */
  proxyUrl?: string;
}

/** App-wide network settings (Settings → `network`), under every webhook's own. */
export interface GlobalNetwork {
  extraCaPem?: string;
  proxyUrl?: string;
}

/** Shown beside the switch, on the Webhooks table and in every record sent with TLS verification off. */
export const INSECURE_TLS_WARNING =
  'TLS verification is off for this webhook: any server certificate is accepted, so a test can pass where Apono, which always verifies certificates, would fail. Turn it off once the target has a trusted certificate.';

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
const BASE64_BODY = /^[A-Za-z0-9+/=\s]*$/;

/** The PEM blocks of a text, with their label (`CERTIFICATE`, `PRIVATE KEY`, …) and whether the body is base64. */
function pemBlocks(text: string): Array<{ label: string; block: string; wellFormed: boolean }> {
  return [...text.matchAll(PEM_BLOCK)].map((m) => {
    const body = (m[2] ?? '').replace(/^(?:[A-Za-z-]+: .*\r?\n)+\r?\n/, ''); // legacy "Proc-Type:" headers
    return { label: m[1] ?? '', block: m[0], wellFormed: BASE64_BODY.test(body) && body.replace(/\s/g, '').length > 0 };
  });
}

/** Every `CERTIFICATE` block of a PEM text, as separate PEM strings. */
export function pemCertificates(text: string): string[] {
  return pemBlocks(text)
    .filter((b) => b.label === 'CERTIFICATE')
    .map((b) => b.block);
}

/** True for a value that names a secret rather than holding one (checked when it is resolved, not here). */
function isSecretReference(value: string): boolean {
  return ENV_REFERENCE.test(value) || value.startsWith('secret:') || value === MASKED_SECRET;
}

/** Checks a text that must hold one or more certificates and nothing else in PEM form. */
function checkCertificates(value: string, field: string, label: string): FieldIssue[] {
  const blocks = pemBlocks(value);
  const example = '-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----';
  if (blocks.length === 0) return [{ field, message: `${label} must be PEM text (${example}) — paste the certificate file's contents, including the BEGIN and END lines.` }];
  if (blocks.some((b) => b.label.includes('PRIVATE KEY'))) {
    return [{ field, message: `${label} holds a private key — paste only certificates here; a client key belongs in "Client key".` }];
  }
  const other = blocks.find((b) => b.label !== 'CERTIFICATE');
  if (other) return [{ field, message: `${label} holds a "${other.label}" block — paste only certificates (${example}).` }];
  if (blocks.some((b) => !b.wellFormed)) return [{ field, message: `${label}: a certificate's body is not base64 — copy the file again without changes between its BEGIN and END lines.` }];
  return [];
}

function checkKey(value: string, field: string): FieldIssue[] {
  if (isSecretReference(value)) return [];
  const blocks = pemBlocks(value);
  const keys = blocks.filter((b) => /PRIVATE KEY$/.test(b.label));
  if (keys.length !== 1 || blocks.length !== 1) {
    return [{ field, message: 'Client key must be one PEM private key (-----BEGIN PRIVATE KEY----- … -----END PRIVATE KEY-----), or ${env:NAME} to read it from the environment.' }];
  }
  const key = keys[0]!;
  if (key.label === 'ENCRYPTED PRIVATE KEY' || /Proc-Type: 4,ENCRYPTED/.test(key.block)) {
    return [{ field, message: 'Client key is encrypted with a passphrase, which Hooksmith cannot ask for — decrypt it with: openssl pkey -in key.pem -out plain-key.pem' }];
  }
  if (!key.wellFormed) return [{ field, message: 'Client key: the key body is not base64 — copy the file again without changes between its BEGIN and END lines.' }];
  return [];
}

/** Checks a proxy URL: `http://` or `https://`, a host, no path, query or fragment. */
export function checkProxyUrl(value: string, field: string): FieldIssue[] {
  const message = 'Proxy must be an http:// or https:// URL with a host and optional port, such as http://proxy.example.com:3128 — or leave it empty to use HTTPS_PROXY.';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return [{ field, message }];
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return [{ field, message }];
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
    return [{ field, message: `Proxy URL must not have a path, query or fragment — write only ${url.protocol}//${url.host}.` }];
  }
  // Saved settings are shown, exported and recorded with every invocation, so a password here would travel
  // in clear; an authenticated proxy is configured through HTTPS_PROXY, which is never stored.
  if (url.username !== '' || url.password !== '') {
    return [{ field, message: `Proxy URL must not contain a user name or password (they would be saved and exported in clear) — write ${url.protocol}//${url.host} and put credentials in HTTPS_PROXY instead.` }];
  }
  return [];
}

/**
 * Apono-independent rules for a webhook's network settings; `base` prefixes field paths (`network`).
 *
 * TLS verification off is a warning, not an error: it is allowed, but must never go unnoticed.
 */
export function checkWebhookNetwork(n: WebhookNetwork, base = 'network'): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const has = (v: string | undefined): v is string => v !== undefined && v.trim() !== '';
  if (has(n.extraCaPem)) issues.push(...checkCertificates(n.extraCaPem, fieldPath(base, 'extraCaPem'), 'Extra CA certificates'));
  if (has(n.clientCertPem)) issues.push(...checkCertificates(n.clientCertPem, fieldPath(base, 'clientCertPem'), 'Client certificate'));
  if (has(n.clientKeyPem)) issues.push(...checkKey(n.clientKeyPem, fieldPath(base, 'clientKeyPem')));
  if (has(n.clientCertPem) && !has(n.clientKeyPem)) {
    issues.push({ field: fieldPath(base, 'clientKeyPem'), message: 'Client key is required with a client certificate — paste the certificate\'s private key (PEM) or write ${env:NAME}.' });
  }
  if (has(n.clientKeyPem) && !has(n.clientCertPem)) {
    issues.push({ field: fieldPath(base, 'clientCertPem'), message: 'Client certificate is required with a client key — paste the certificate (PEM) that goes with the key, or remove the key.' });
  }
  if (has(n.proxyUrl)) issues.push(...checkProxyUrl(n.proxyUrl.trim(), fieldPath(base, 'proxyUrl')));
  if (n.insecureTls) issues.push({ field: fieldPath(base, 'insecureTls'), severity: 'warning', message: INSECURE_TLS_WARNING });
  return issues;
}

/** Rules for the app-wide network settings (fields `settings.network.*` unless `base` says otherwise). */
export function checkGlobalNetwork(n: GlobalNetwork, base = 'network'): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (n.extraCaPem?.trim()) issues.push(...checkCertificates(n.extraCaPem, fieldPath(base, 'extraCaPem'), 'Extra CA certificates'));
  if (n.proxyUrl?.trim()) issues.push(...checkProxyUrl(n.proxyUrl.trim(), fieldPath(base, 'proxyUrl')));
  return issues;
}

/**
 * The settings without empty values (`''`, `false`), or undefined when nothing is left, so an untouched
 * form, a stored webhook and an exported file all say "no network settings" the same way.
 */
export function compactNetwork(n: WebhookNetwork | undefined): WebhookNetwork | undefined {
  if (!n) return undefined;
  const out: WebhookNetwork = {};
  if (n.insecureTls) out.insecureTls = true;
  for (const key of ['extraCaPem', 'clientCertPem', 'clientKeyPem', 'proxyUrl'] as const) {
    const v = n[key];
    if (v !== undefined && v.trim() !== '') out[key] = key === 'proxyUrl' ? v.trim() : v;
  }
  return Object.keys(out).length ? out : undefined;
}

/** Reads the optional `network` object of a webhook; records issues for wrong types. Absent → `undefined`. */
export function readWebhookNetwork(obj: JsonObject, base: string, issues: FieldIssue[]): { value?: WebhookNetwork; ok: boolean } {
  const raw = obj.network;
  const path = fieldPath(base, 'network');
  if (raw === undefined || raw === null) return { ok: true };
  if (!isRecord(raw)) {
    issues.push({ field: path, message: `Network settings must be an object, not ${describeType(raw)} — e.g. { "proxyUrl": "http://proxy:3128" }, or leave it out.` });
    return { ok: false };
  }
  const before = issues.length;
  const out: WebhookNetwork = {};
  if (raw.insecureTls !== undefined) out.insecureTls = readBoolean(raw, 'insecureTls', path, 'TLS verification off', issues);
  for (const [key, label] of [
    ['extraCaPem', 'Extra CA certificates'],
    ['clientCertPem', 'Client certificate'],
    ['clientKeyPem', 'Client key'],
    ['proxyUrl', 'Proxy URL'],
  ] as const) {
    if (raw[key] !== undefined) out[key] = readString(raw, key, path, label, issues);
  }
  if (issues.length > before) return { ok: false };
  return { ok: true, value: compactNetwork(out) };
}

/** Reads the app-wide `settings.network` object; records issues for wrong types. */
export function readGlobalNetwork(value: unknown, path: string, issues: FieldIssue[]): GlobalNetwork | undefined {
  if (!isRecord(value)) {
    issues.push({ field: path, message: `${path} must be an object, e.g. {} or { "proxyUrl": "http://proxy:3128" }.` });
    return undefined;
  }
  const before = issues.length;
  const out: GlobalNetwork = {};
  if (value.extraCaPem !== undefined) out.extraCaPem = readString(value, 'extraCaPem', path, 'Extra CA certificates', issues);
  if (value.proxyUrl !== undefined) out.proxyUrl = readString(value, 'proxyUrl', path, 'Proxy URL', issues);
  if (issues.length > before) return undefined;
  if (!out.extraCaPem?.trim()) delete out.extraCaPem;
  if (!out.proxyUrl?.trim()) delete out.proxyUrl;
  else out.proxyUrl = out.proxyUrl.trim();
  return out;
}
