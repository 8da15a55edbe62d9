/**
 * Imports: a repro bundle becomes a webhook plus a history entry; a curl command becomes a webhook.
 */
import { randomUUID } from 'node:crypto';
import type { InvocationRecord } from '../../../shared/delivery/invocation';
import { INVOCATION_SCHEMA_VERSION } from '../../../shared/delivery/invocation';
import type { ReproBundle } from '../../../shared/history/bundle';
import type { ParsedCurl } from '../../../shared/history/parse-curl';
import { isCredentialHeader } from '../../../shared/history/secret-headers';
import { hasEnvReference } from '../../../shared/model/env-references';
import { HTTP_METHODS, type HttpMethod, type Webhook, type WebhookHeader, type WebhookInput } from '../../../shared/model/webhook';

/** Headers curl or Node compute themselves; a webhook must not pin them. */
const COMPUTED = new Set(['host', 'content-length', 'user-agent', 'accept', 'connection', 'accept-encoding']);

/**
 * Headers a browser adds to every request it sends (a "Copy as cURL" from DevTools holds a dozen): they
 * describe the browser and the page, not the webhook, and would take Apono's 10-header limit on their own.
 */
const BROWSER_ONLY = /^(?:sec-(?:ch-|fetch-|gpc$)|origin$|referer$|priority$|accept-language$|cache-control$|pragma$|dnt$|upgrade-insecure-requests$|te$)/;

/** A name made of letters and digits that none of `taken` uses (ignoring case). */
export function freeName(base: string, taken: readonly string[]): string {
  const clean = base.replace(/[^A-Za-z0-9]/g, '').slice(0, 40) || 'Imported';
  const lower = new Set(taken.map((n) => n.toLowerCase()));
  if (!lower.has(clean.toLowerCase())) return clean;
  for (let i = 2; ; i++) if (!lower.has(`${clean}${i}`.toLowerCase())) return `${clean}${i}`;
}

/** The webhook a curl command describes with what the import changed on the way, or why it cannot be one (naming the field). */
export function webhookFromCurl(
  req: ParsedCurl,
  taken: readonly string[],
): { ok: true; input: WebhookInput; warnings: string[] } | { ok: false; field: string; message: string } {
  if (!(HTTP_METHODS as readonly string[]).includes(req.method)) {
    return { ok: false, field: 'method', message: `method: the curl command uses ${req.method}; Apono webhooks send ${HTTP_METHODS.join(', ')} — add --request POST (or PUT/DELETE).` };
  }
  let host = 'Curl';
  try {
    host = new URL(req.url).hostname.split('.').filter((p) => p !== 'www')[0] ?? 'Curl';
  } catch {
    /* the webhook rules report the URL */
  }
  let auth: WebhookInput['auth'] = { type: 'none' };
  const headers: WebhookHeader[] = [];
  const madeSecret: string[] = [];
  const dropped: string[] = [];
  for (const [key, value] of req.headers) {
    const lower = key.toLowerCase();
    if (COMPUTED.has(lower) || BROWSER_ONLY.test(lower)) {
      dropped.push(key);
      continue;
    }
    const bearer = /^Bearer\s+(.+)$/i.exec(value);
    if (lower === 'authorization' && bearer) {
      auth = { type: 'bearer', token: bearer[1]! };
      continue;
    }
    // A value that reads the environment (whole, or inside as in `Splunk ${env:HEC_TOKEN}`) carries a secret by
    // construction; keep it a reference, read when sending.
    if (hasEnvReference(value)) headers.push({ key, value, secret: true });
    else if (isCredentialHeader(key)) {
      // Written in clear in the command: as a secret the webhook service seals it, so it stays out of the data file and exports.
      headers.push({ key, value, secret: true });
      madeSecret.push(key);
    } else headers.push({ key, value });
  }
  const warnings = madeSecret.length
    ? [`Made secret: ${madeSecret.join(', ')}; their values are stored as secrets, not in clear in the data file or exports. Untick Secret on the webhook's header if one is not a credential.`]
    : [];
  if (dropped.length) warnings.push(`Dropped headers that the browser or the HTTP client sets by itself: ${dropped.join(', ')}.`);
  const name = freeName(`${host.charAt(0).toUpperCase()}${host.slice(1)}Curl`, taken);
  return {
    ok: true,
    input: {
      name,
      active: false,
      method: req.method as HttpMethod,
      url: req.url,
      headers,
      auth,
      bodyTemplate: req.body ?? '{}',
      triggers: ['Manual'],
      filters: [],
      timeoutSeconds: null,
      responseValidators: [],
    },
    warnings,
  };
}

/** The history entry for an imported bundle, attached to the webhook it created. */
export function recordFromBundle(b: ReproBundle, webhook: Webhook, now: Date): InvocationRecord {
  return {
    schemaVersion: INVOCATION_SCHEMA_VERSION,
    id: randomUUID(),
    webhookId: webhook.id,
    webhookName: webhook.name,
    webhook,
    trigger: b.trigger,
    event: b.event,
    renderedBody: b.renderedBody,
    request: b.request,
    response: b.response,
    steps: b.steps,
    validators: [],
    outcome: b.outcome,
    error: b.error,
    warnings: [...(b.warnings ?? [])],
    // The import time, not the original's: an old bundle would otherwise fall to retention at once and be
    // listed far below what was just imported.
    startedAt: now.toISOString(),
    finishedAt: new Date(now.getTime() + b.durationMs).toISOString(),
    durationMs: b.durationMs,
    importedFrom: { originalId: b.originalId, startedAt: b.startedAt },
  };
}
