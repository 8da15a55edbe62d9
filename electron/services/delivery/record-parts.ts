/**
 * The pieces of an invocation record that a delivery, a delivery stopped before sending and an exact
 * replay all build the same way: the masked webhook step, the verdict on a response, the record itself.
 */
import { randomUUID } from 'node:crypto';
import { classifyHttpStatus, validatorMismatchError, type DeliveryError } from '../../../shared/delivery/errors';
import { INVOCATION_SCHEMA_VERSION, type InvocationRecord, type InvocationStep, type ResponseSnapshot, type ValidatorResult } from '../../../shared/delivery/invocation';
import { maskDeep, maskHeaders, maskText, maskWebhook, webhookSecrets } from '../../../shared/delivery/masking';
import { evaluateValidators, type ValidatorReport } from '../../../shared/delivery/validators';
import type { ResponseValidator, Trigger, Webhook } from '../../../shared/model/webhook';
import type { SendResult } from './dispatcher';

/** The record's step for one webhook call: the request and response masked with `secrets`. */
export function webhookStep(result: SendResult, attempt: number, secretNames: readonly string[], secrets: readonly string[]): InvocationStep {
  return {
    kind: 'webhook',
    attempt,
    startedAt: result.startedAt,
    durationMs: result.durationMs,
    request: { ...result.request, url: maskText(result.request.url, secrets), headers: maskHeaders(result.request.headers, secretNames, secrets), body: maskText(result.request.body, secrets) },
    // Echo endpoints (and error pages) may repeat a credential back, in the body or in a header
    // (`Authorization`, `X-Api-Key`); a base64 body is masked too, where the secret shows as base64.
    response: result.response
      ? { ...result.response, headers: maskHeaders(result.response.headers, secretNames, secrets), body: maskText(result.response.body, secrets) }
      : result.response,
    timings: result.timings,
    error: maskDeep(result.error, secrets),
    ...(result.proxy ? { proxy: result.proxy } : {}),
  };
}

/** One line per proxy the steps went through, so the record says where it was sent from (credentials masked). */
export function proxyWarnings(steps: readonly InvocationStep[]): string[] {
  const lines = steps.flatMap((s) => (s.proxy ? [`${s.kind === 'oauth-token' ? 'Token request sent' : 'Sent'} through proxy ${s.proxy.url} (from ${s.proxy.source}).`] : []));
  return [...new Set(lines)];
}

/** The verdict on a response that arrived: the HTTP status first, then the validators. */
export function judgeResponse(validators: readonly ResponseValidator[], res: ResponseSnapshot): { error: DeliveryError | null; report: ValidatorReport } {
  const report = evaluateValidators(validators, { text: res.body, encoding: res.bodyEncoding, truncated: res.truncated });
  const error = classifyHttpStatus(res.status, res.headers) ?? (report.passed ? null : validatorMismatchError(report.results.filter((r) => !r.passed)));
  return { error, report };
}

/** What one delivery of `webhook` produced, for {@link invocationRecord}. */
export interface RecordParts {
  webhook: Webhook;
  trigger: Trigger;
  event: unknown;
  renderedBody: string;
  steps: InvocationStep[];
  validators: ValidatorResult[];
  error: DeliveryError | null;
  warnings: string[];
  /** Epoch milliseconds. */
  startedMs: number;
  finishedMs: number;
  /** Secrets the webhook does not hold but the delivery used (an OAuth2 access token), masked like its own. */
  extraSecrets?: readonly string[];
}

/**
 * A new invocation record; request and response are the last webhook step's, secrets masked throughout.
 *
 * The whole record goes through {@link maskDeep} here, the one place records are made, so no field (a URL
 * that reads a variable, an error message, a warning, a response header) can carry a secret to the history,
 * HAR, curl export or a repro bundle.
 */
export function invocationRecord(p: RecordParts): InvocationRecord {
  const last = [...p.steps].reverse().find((s) => s.kind === 'webhook');
  return maskDeep<InvocationRecord>({
    schemaVersion: INVOCATION_SCHEMA_VERSION,
    id: randomUUID(),
    webhookId: p.webhook.id,
    webhookName: p.webhook.name,
    webhook: maskWebhook(p.webhook),
    trigger: p.trigger,
    event: p.event,
    renderedBody: p.renderedBody,
    request: last?.request ?? null,
    response: last?.response ?? null,
    steps: p.steps,
    validators: p.validators,
    outcome: p.error === null ? 'Success' : 'Failure',
    error: p.error,
    warnings: [...p.warnings, ...proxyWarnings(p.steps)],
    startedAt: new Date(p.startedMs).toISOString(),
    finishedAt: new Date(p.finishedMs).toISOString(),
    durationMs: p.finishedMs - p.startedMs,
  }, [...webhookSecrets(p.webhook), ...(p.extraSecrets ?? [])]);
}
