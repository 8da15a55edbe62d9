/**
 * Replaying a recorded invocation.
 *
 * `exact` re-sends the recorded request: same method, URL, headers (names, case, order) and body. The record
 * holds masked secrets, so each masked header is filled from today's configuration of the webhook, matched
 * by header name (a secret header of that name, or the webhook's bearer token / a fresh OAuth2 token for
 * `Authorization`). `rerender` renders the current template against the recorded event and delivers it
 * as the Test panel would.
 */
import { randomUUID } from 'node:crypto';
import type { HeaderPair, InvocationRecord } from '../../../shared/delivery/invocation';
import { maskDeep, webhookSecrets } from '../../../shared/delivery/masking';
import { maskedHeader } from '../../../shared/history/secret-headers';
import { basicCredentials } from '../../../shared/model/basic-auth';
import { MASKED_SECRET, type Webhook } from '../../../shared/model/webhook';
import { renderTemplate, type EscapeMode } from '../../../shared/template/render';
import { describeRenderError } from '../../../shared/template/render-error';
import { deliver, type DeliverOptions } from '../delivery/deliver';
import { DEFAULT_TIMEOUT_MS, send } from '../delivery/dispatcher';
import { getToken, processTokenCache, tokenRequestOf } from '../delivery/oauth2';
import { judgeResponse, proxyWarnings, webhookStep } from '../delivery/record-parts';

export type ReplayOutcome = { ok: true; record: InvocationRecord } | { ok: false; field: string; message: string };

/**
 * Why there is no webhook to take `what` (its secrets, its template) from, and what to do instead.
 *
 * An invocation sent from a definition file (`hooksmith send FILE`, webhookId "") never had a saved webhook;
 * saying it "no longer exists" would send the user looking for something that was never there.
 */
export function noSavedWebhook(record: InvocationRecord, what: string, otherwise: string): string {
  if (record.webhookId === '') {
    return (
      `"${record.webhookName}" was sent from a definition file, not from a saved webhook, so there is no saved webhook to take ${what} from. ` +
      `Import the file (hooksmith webhooks import FILE) and try again, or send the file again (hooksmith send FILE).`
    );
  }
  return `The webhook "${record.webhookName}" no longer exists, so there is no saved webhook to take ${what} from; ${otherwise}`;
}

/**
 * Clear values for the record's masked headers, by lower-case header name, from a webhook whose secrets are
 * resolved. Fails naming the header when today's configuration has no secret for it.
 */
export async function revealedHeaders(
  record: InvocationRecord,
  plain: Webhook | null,
  options: DeliverOptions,
): Promise<{ ok: true; values: Record<string, string>; tokenStep?: InvocationRecord['steps'][number] } | { ok: false; field: string; message: string }> {
  // No prototype: header names come from the record (an imported one, perhaps), and `constructor` must not find one.
  const values: Record<string, string> = Object.create(null) as Record<string, string>;
  let tokenStep: InvocationRecord['steps'][number] | undefined;
  for (const [name, value] of record.request?.headers ?? []) {
    const masked = maskedHeader(record, name, value);
    if (!masked) continue;
    const field = `request.headers.${name}`;
    if (!plain) return { ok: false, field, message: noSavedWebhook(record, `the secret of ${name}`, 'recreate it, or replay re-rendered from another webhook.') };
    const lower = name.toLowerCase();
    const header = plain.headers.find((h) => h.secret && h.key.toLowerCase() === lower);
    // A header written with references inside (`Splunk ${env:HEC_TOKEN}`) is filled whole from today's resolved value.
    const templated = masked.template !== undefined ? plain.headers.find((h) => h.key.toLowerCase() === lower) : undefined;
    if (templated) values[lower] = templated.value;
    else if (header && masked.prefix === '') values[lower] = header.value;
    else if (lower === 'authorization' && plain.auth.type === 'bearer') values[lower] = plain.auth.token;
    else if (lower === 'authorization' && plain.auth.type === 'basic') values[lower] = basicCredentials(plain.auth.username, plain.auth.password);
    else if (lower === 'authorization' && plain.auth.type === 'oauth2') {
      // The same cache as Tests (the backend's), so a replay reuses a live token instead of fetching another.
      const got = await getToken(
        tokenRequestOf(plain)!,
        options.tokenCache ?? processTokenCache,
        { ...options, timeoutMs: plain.timeoutSeconds ? plain.timeoutSeconds * 1000 : DEFAULT_TIMEOUT_MS },
        options.signal,
      );
      tokenStep = got.step;
      if (got.token === null) return { ok: false, field: 'auth', message: `Authorization: a fresh OAuth2 token could not be fetched: ${got.step.error?.message ?? 'unknown error'}` };
      values[lower] = got.token;
    } else return { ok: false, field, message: `today's configuration of "${record.webhookName}" has no secret for this header; add it as a secret header or edit the webhook's authentication.` };
  }
  return { ok: true, values, tokenStep };
}

/** The origin (scheme, host, port) of an http(s) URL, or null when it is not one. */
function httpOrigin(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.origin : null;
  } catch {
    return null;
  }
}

/**
 * Why the recorded request may not go out with secrets, or null. Secrets from today's configuration go only
 * to the webhook's own origin: a record (an imported one above all) may point elsewhere than the webhook,
 * and filling its masked headers would hand the webhook's secrets to that other server.
 */
export function destinationRefusal(record: InvocationRecord, req: NonNullable<InvocationRecord['request']>, plain: Webhook | null): { ok: false; field: string; message: string } | null {
  const field = 'request.url';
  const recorded = httpOrigin(req.url);
  if (recorded === null) return { ok: false, field, message: `the recorded URL "${req.url}" is not an http(s) URL, so there is nowhere to re-send it; replay it re-rendered (it uses the webhook's URL) instead.` };
  // Without the webhook there is nothing to fill; revealedHeaders says so by header.
  const needsSecrets = req.headers.some(([name, value]) => maskedHeader(record, name, value) !== null);
  if (!plain || !needsSecrets || httpOrigin(plain.url) === recorded) return null;
  return {
    ok: false,
    field,
    message:
      `the recorded request goes to ${recorded} but the webhook "${plain.name}" now sends to ${httpOrigin(plain.url) ?? plain.url}; secrets are only sent to the webhook's own origin. ` +
      `Replay it re-rendered (it uses the webhook's URL), or fix the webhook's URL if ${recorded} is where it should send.`,
  };
}

/** Re-sends the recorded request exactly, secrets filled from `plain` (the webhook as configured today, resolved). */
export async function replayExact(record: InvocationRecord, plain: Webhook | null, options: DeliverOptions): Promise<ReplayOutcome> {
  const req = record.request;
  if (!req) return { ok: false, field: 'request', message: 'This invocation sent nothing (it failed before the request), so there is nothing to re-send exactly; replay it re-rendered instead.' };
  if (record.bodiesOmitted) return { ok: false, field: 'request.body', message: `This invocation was kept without bodies ("don't keep bodies" is on for ${record.webhookName}), so it cannot be re-sent exactly; replay it re-rendered instead.` };
  const refused = destinationRefusal(record, req, plain);
  if (refused) return refused;
  const revealed = await revealedHeaders(record, plain, options);
  if (!revealed.ok) return revealed;
  const headers = req.headers.map(([name, value]): HeaderPair => {
    const clear = revealed.values[name.toLowerCase()];
    const masked = maskedHeader(record, name, value);
    return clear !== undefined && masked ? [name, masked.prefix + clear] : [name, value];
  });
  const started = Date.now();
  const timeoutMs = (plain ?? record.webhook).timeoutSeconds ? (plain ?? record.webhook).timeoutSeconds! * 1000 : DEFAULT_TIMEOUT_MS;
  // A URL that carried a secret (`?token=${env:…}`) was recorded masked; today's resolved URL fills it.
  const url = plain && req.url.includes(MASKED_SECRET) ? plain.url : req.url;
  const result = await send({ method: req.method, url, headers, body: req.body }, { ...options, timeoutMs }, options.signal);
  const secrets = [...(plain ? webhookSecrets(plain) : []), ...Object.values(revealed.values)];
  const secretNames = Object.keys(revealed.values);
  const step = webhookStep(result, 1, secretNames, secrets);
  const steps = [...(revealed.tokenStep ? [revealed.tokenStep] : []), step];
  const validators = (plain ?? record.webhook).responseValidators;
  const judged = result.response ? judgeResponse(validators, result.response) : { error: null, report: { passed: true, results: [] } };
  const error = result.error ?? judged.error;
  const report = judged.report;
  const finished = Date.now();
  return {
    ok: true,
    // Masked whole, as a delivery's record is (see invocationRecord): error messages and warnings included.
    record: maskDeep<InvocationRecord>({
      ...record,
      id: randomUUID(),
      request: step.request,
      response: step.response,
      steps,
      validators: report.results,
      outcome: error ? 'Failure' : 'Success',
      error,
      warnings: proxyWarnings(steps),
      startedAt: new Date(started).toISOString(),
      finishedAt: new Date(finished).toISOString(),
      durationMs: finished - started,
      replayOf: record.id,
      bodiesOmitted: undefined,
    }, secrets),
  };
}

/** Renders today's template of the webhook against the recorded event and delivers it. */
export async function replayRerender(record: InvocationRecord, plain: Webhook | null, escape: EscapeMode, options: DeliverOptions): Promise<ReplayOutcome> {
  if (!plain) return { ok: false, field: 'webhookId', message: noSavedWebhook(record, 'a current template', 'replay it exactly instead.') };
  if (record.bodiesOmitted) return { ok: false, field: 'event', message: `This invocation was kept without its event ("don't keep bodies" is on for ${record.webhookName}), so it cannot be re-rendered; replay it exactly instead.` };
  const rendered = renderTemplate(plain.bodyTemplate, record.event, { escape });
  if (!rendered.ok) {
    return { ok: false, field: 'bodyTemplate', message: `bodyTemplate: today's template of "${plain.name}" does not render: ${describeRenderError(rendered)}; fix it in the editor and replay again.` };
  }
  const rec = await deliver({ webhook: plain, renderedBody: rendered.body, trigger: record.trigger, event: record.event, options });
  return { ok: true, record: { ...rec, replayOf: record.id } };
}
