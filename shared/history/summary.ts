/**
 * Pure helpers over invocation records: the summary the index keeps, body stripping for the privacy option,
 * and the text that full-text search looks in.
 */
import type { InvocationRecord, RequestSnapshot, ResponseSnapshot } from '../delivery/invocation';
import type { InvocationSummary } from './types';

/** The table row for a record. */
export function summarize(r: InvocationRecord): InvocationSummary {
  const s: InvocationSummary = {
    id: r.id,
    startedAt: r.startedAt,
    webhookId: r.webhookId,
    webhookName: r.webhookName,
    trigger: r.trigger,
    outcome: r.outcome,
    status: r.response ? r.response.status : null,
    durationMs: r.durationMs,
    errorClass: r.error ? r.error.errorClass : null,
  };
  if (r.replayOf) s.replayOf = r.replayOf;
  if (r.bodiesOmitted) s.bodiesOmitted = true;
  return s;
}

const noRequestBody = (q: RequestSnapshot | null): RequestSnapshot | null => (q ? { ...q, body: '' } : null);
const noResponseBody = (p: ResponseSnapshot | null): ResponseSnapshot | null => (p ? { ...p, body: '', size: 0 } : null);

/**
 * The record without anything a body could carry: event, rendered body, request and response bodies (also
 * in token steps), and the webhook's body template. Headers, status and timings stay, so failures remain
 * diagnosable.
 */
export function stripBodies(r: InvocationRecord): InvocationRecord {
  return {
    ...r,
    webhook: { ...r.webhook, bodyTemplate: '' },
    event: null,
    renderedBody: '',
    request: noRequestBody(r.request),
    response: noResponseBody(r.response),
    steps: r.steps.map((s) => ({ ...s, request: noRequestBody(s.request), response: noResponseBody(s.response) })),
    bodiesOmitted: true,
  };
}

/**
 * What text search looks in, lower-cased: the URL, request and response headers, request and response
 * bodies (base64 response bodies are skipped: searching their encoding would match noise).
 */
export function searchableText(r: InvocationRecord): string {
  const parts: string[] = [];
  const q = r.request;
  if (q) {
    parts.push(q.method, q.url, ...q.headers.map(([n, v]) => `${n}: ${v}`), q.body);
  } else parts.push(r.webhook.url);
  const p = r.response;
  if (p) {
    parts.push(String(p.status), ...p.headers.map(([n, v]) => `${n}: ${v}`));
    if (p.bodyEncoding === 'utf8') parts.push(p.body);
  }
  return parts.join('\n').toLowerCase();
}

/**
 * Whether a raw JSON line can contain `needle` at all: true unless the needle is plain (no quote, backslash or
 * control character, which JSON escapes) and absent from the lower-cased line. Lets search skip parsing
 * most lines.
 */
export function lineMayContain(lineLower: string, needleLower: string): boolean {
   
  if (/["\\\u0000-\u001f]/.test(needleLower)) return true;
  return lineLower.includes(needleLower);
}
