/**
 * The repro bundle: one JSON file with everything needed to reproduce an invocation elsewhere — the webhook
 * definition (secrets as `${env:…}` placeholders, never values), the event, the rendered body, the request,
 * the response and the timings. Another Hooksmith imports it as a webhook plus a history entry to replay.
 */
import type { InvocationRecord, InvocationStep } from '../delivery/invocation';
import { exportSecret, secretEnvName } from '../model/definition-secrets';
import { secretSlots } from '../model/secret-slots';
import { envFields, hasEnvReference, replaceEnvReferences } from '../model/env-references';
import { ENV_REFERENCE, type WebhookInput } from '../model/webhook';
import { recordedPartsProblem } from './bundle-shape';

export const BUNDLE_KIND = 'hooksmith-repro-bundle';
/** Bumped when the bundle's shape changes; readers refuse newer versions with a clear message. */
export const BUNDLE_VERSION = 1;

export interface ReproBundle {
  kind: typeof BUNDLE_KIND;
  bundleVersion: typeof BUNDLE_VERSION;
  exportedAt: string;
  /** The original invocation's id, for reference in bug reports. */
  originalId: string;
  webhook: WebhookInput;
  trigger: InvocationRecord['trigger'];
  event: unknown;
  renderedBody: string;
  request: InvocationRecord['request'];
  response: InvocationRecord['response'];
  steps: InvocationStep[];
  outcome: InvocationRecord['outcome'];
  error: InvocationRecord['error'];
  warnings: string[];
  startedAt: string;
  durationMs: number;
}

/** The webhook without secrets: each secret slot becomes the `${env:…}` placeholder a definition export uses. */
export function webhookWithoutSecrets(r: InvocationRecord): WebhookInput {
  const w = r.webhook;
  const name = w.name;
  const auth: WebhookInput['auth'] =
    w.auth.type === 'bearer'
      ? { type: 'bearer', token: exportSecret(w.auth.token, name, 'token') }
      : w.auth.type === 'basic'
        ? { type: 'basic', username: w.auth.username, password: exportSecret(w.auth.password, name, 'password') }
        : w.auth.type === 'oauth2'
          ? { ...w.auth, scopes: [...w.auth.scopes], clientSecret: exportSecret(w.auth.clientSecret, name, 'client secret') }
          : { type: 'none' };
  return {
    name,
    active: w.active,
    method: w.method,
    url: w.url,
    headers: w.headers.map((h) => (h.secret ? { key: h.key, value: exportSecret(h.value, name, h.key), secret: true } : { ...h })),
    auth,
    bodyTemplate: w.bodyTemplate,
    triggers: [...w.triggers],
    filters: structuredClone(w.filters),
    timeoutSeconds: w.timeoutSeconds,
    responseValidators: structuredClone(w.responseValidators),
  };
}

/**
 * A bundle's webhook with every secret slot confined to the placeholder an export of that webhook writes.
 *
 * A bundle is untrusted input: one naming `${env:AWS_SECRET_ACCESS_KEY}` as a token and an attacker's URL
 * would hand that variable to the attacker on the first replay. An export only ever writes
 * `${env:HOOKSMITH_<exported name>_<role>}`, so that exact name is kept (a colleague's bundle keeps working
 * with the variables they told you to set); any other reference, including another webhook's `HOOKSMITH_`
 * variable, a value in clear or a mask becomes the placeholder for the imported name. `rewritten` says what
 * each replaced slot held, without clear values; `reads` lists the variables the imported webhook will read.
 */
export function confineBundleSecrets(input: WebhookInput, exportedName: string): { webhook: WebhookInput; rewritten: string[]; reads: string[] } {
  const webhook = structuredClone(input);
  const rewritten: string[] = [];
  const reads: string[] = [];
  for (const slot of secretSlots(webhook)) {
    const named = ENV_REFERENCE.exec(slot.value)?.[1];
    const exported = secretEnvName(exportedName, slot.role);
    if (named === exported) {
      reads.push(named);
      continue;
    }
    const mine = secretEnvName(webhook.name, slot.role);
    const placeholder = `\${env:${mine}}`;
    const where = slot.field.startsWith('headers.') ? `${slot.field} (${slot.role})` : slot.field;
    rewritten.push(`${where}: ${named ? `\${env:${named}}` : 'a value that is not an environment reference'} → ${placeholder}`);
    reads.push(mine);
    slot.set(placeholder);
  }
  // References also work inside the URL and ordinary headers (`?token=${env:…}`): confined the same way, each
  // variable not named as this export names them becomes `HOOKSMITH_<imported name>_<variable>`.
  const exportedPrefix = `${secretEnvName(exportedName, '')}_`.replace(/_SECRET_$/, '_');
  const secretFields = new Set(secretSlots(webhook).map((s) => s.field));
  for (const f of envFields(webhook)) {
    if (secretFields.has(f.field) || !hasEnvReference(f.value)) continue;
    f.set(
      replaceEnvReferences(f.value, (name) => {
        if (name.startsWith(exportedPrefix) && name !== 'HOOKSMITH_SECRET_KEY') {
          reads.push(name);
          return `\${env:${name}}`;
        }
        const mine = secretEnvName(webhook.name, name);
        rewritten.push(`${f.field}: \${env:${name}} → \${env:${mine}}`);
        reads.push(mine);
        return `\${env:${mine}}`;
      }),
    );
  }
  return { webhook, rewritten, reads: [...new Set(reads)] };
}

/** Builds the bundle for a record. */
export function toBundle(r: InvocationRecord, exportedAt: string): ReproBundle {
  return {
    kind: BUNDLE_KIND,
    bundleVersion: BUNDLE_VERSION,
    exportedAt,
    originalId: r.id,
    webhook: webhookWithoutSecrets(r),
    trigger: r.trigger,
    event: r.event,
    renderedBody: r.renderedBody,
    request: r.request,
    response: r.response,
    steps: r.steps,
    outcome: r.outcome,
    error: r.error,
    warnings: r.warnings,
    startedAt: r.startedAt,
    durationMs: r.durationMs,
  };
}

/** A parsed bundle, or why the text is not one (naming the field). */
export type BundleParse = { ok: true; bundle: ReproBundle } | { ok: false; field: string; message: string };

/** True when the text looks like a bundle (a JSON object whose `kind` says so), before full checks. */
export function looksLikeBundle(text: string): boolean {
  const t = text.trimStart();
  return t.startsWith('{') && t.includes(`"${BUNDLE_KIND}"`);
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a bundle; the webhook itself is checked later by the webhook rules (which name every field). */
export function parseBundle(text: string): BundleParse {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return { ok: false, field: '(file)', message: `The bundle is not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!isObj(v) || v.kind !== BUNDLE_KIND) return { ok: false, field: 'kind', message: `kind must be "${BUNDLE_KIND}"; this is not a Hooksmith repro bundle.` };
  if (typeof v.bundleVersion !== 'number' || v.bundleVersion > BUNDLE_VERSION) {
    // JSON.stringify, not String: an object with a `toString` key of its own cannot be turned into text.
    const shown = typeof v.bundleVersion === 'number' ? String(v.bundleVersion) : (JSON.stringify(v.bundleVersion) ?? 'missing');
    return { ok: false, field: 'bundleVersion', message: `bundleVersion ${shown} is not supported by this Hooksmith (it reads up to ${BUNDLE_VERSION}); update Hooksmith.` };
  }
  if (!isObj(v.webhook) || typeof v.webhook.name !== 'string') return { ok: false, field: 'webhook', message: 'webhook must be an object with the webhook definition (a name at least).' };
  if (typeof v.renderedBody !== 'string') return { ok: false, field: 'renderedBody', message: 'renderedBody must be a string.' };
  if (v.request !== null && !(isObj(v.request) && typeof v.request.url === 'string' && Array.isArray(v.request.headers))) {
    return { ok: false, field: 'request', message: 'request must be null or an object with method, url, headers and body.' };
  }
  if (!Array.isArray(v.steps)) return { ok: false, field: 'steps', message: 'steps must be a list.' };
  if (typeof v.originalId !== 'string') return { ok: false, field: 'originalId', message: 'originalId must be the id of the exported invocation (a string).' };
  if (typeof v.startedAt !== 'string' || Number.isNaN(Date.parse(v.startedAt))) return { ok: false, field: 'startedAt', message: 'startedAt must be an ISO 8601 date, e.g. 2025-01-31T12:00:00.000Z.' };
  if (typeof v.durationMs !== 'number' || !Number.isFinite(v.durationMs) || v.durationMs < 0) return { ok: false, field: 'durationMs', message: 'durationMs must be a number of milliseconds, 0 or more.' };
  // What the history will list, open, export and replay must have the shape those expect.
  const shape = recordedPartsProblem(v);
  if (shape) return { ok: false, ...shape };
  return { ok: true, bundle: v as unknown as ReproBundle };
}
