/**
 * One delivery of one webhook, from resolved settings and a rendered body to an invocation record.
 *
 * Order: Apono's URL and JSON rules → auth (token step for OAuth2) → the webhook call (with one
 * refresh-and-retry when a cached OAuth2 token is refused with 401) → validators → outcome. Secrets are
 * masked on the way into the record; the plain values only ever reach the dispatcher.
 */
import { checkAponoUrl, invalidBodyError, urlRefusedError, type DeliveryError } from '../../../shared/delivery/errors';
import type { HeaderPair, InvocationRecord, InvocationStep } from '../../../shared/delivery/invocation';
import { webhookSecrets } from '../../../shared/delivery/masking';
import { basicAuthorization } from '../../../shared/model/basic-auth';
import type { ValidatorReport } from '../../../shared/delivery/validators';
import type { Trigger, Webhook } from '../../../shared/model/webhook';
import { Deadline } from './deadline';
import { DEFAULT_TIMEOUT_MS, send, type SendOptions } from './dispatcher';
import { fetchToken, getToken, processTokenCache, tokenRequestOf, type TokenCache } from './oauth2';
import { invocationRecord, judgeResponse, webhookStep } from './record-parts';

/** How to deliver; everything optional. The timeout comes from the webhook's `timeoutSeconds`. */
export interface DeliverOptions extends Omit<SendOptions, 'timeoutMs'> {
  signal?: AbortSignal;
  /** Defaults to one cache shared by the process ({@link processTokenCache}). */
  tokenCache?: TokenCache;
  /** Refuse non-https URLs as Apono would (default `false`: Hooksmith also targets local receivers). */
  enforceAponoUrlRules?: boolean;
  /** Send a body that is not JSON anyway (default `false`: Apono refuses it, so Hooksmith does too). */
  allowInvalidJson?: boolean;
}

/** A webhook whose secrets are resolved to plain values, and what to send with it. */
export interface DeliverInput {
  webhook: Webhook;
  renderedBody: string;
  trigger: Trigger;
  event: unknown;
  options?: DeliverOptions;
}

/** Delivers a webhook and returns the record; never throws for network, HTTP or validation failures. */
export async function deliver(input: DeliverInput): Promise<InvocationRecord> {
  const { webhook, renderedBody, options = {} } = input;
  const started = Date.now();
  const warnings: string[] = [];
  const steps: InvocationStep[] = [];
  const secrets = webhookSecrets(webhook);
  const secretNames = webhook.headers.filter((h) => h.secret).map((h) => h.key);
  const sendOptions: SendOptions = { ...options, timeoutMs: webhook.timeoutSeconds ? webhook.timeoutSeconds * 1000 : DEFAULT_TIMEOUT_MS };
  const cache = options.tokenCache ?? processTokenCache;
  // The timeout bounds the whole delivery: token call, webhook call and any refresh-and-retry together.
  const deadline = new Deadline(sendOptions.timeoutMs ?? DEFAULT_TIMEOUT_MS);

  // Declared before `finish`, which masks the OAuth2 access token (once there is one) out of the record.
  let token: string | null = webhook.auth.type === 'bearer' ? webhook.auth.token : null;
  const finish = (error: DeliveryError | null, report?: ValidatorReport): InvocationRecord =>
    invocationRecord({ webhook, trigger: input.trigger, event: input.event, renderedBody, steps, validators: report?.results ?? [], error, warnings, startedMs: started, finishedMs: Date.now(), extraSecrets: token ? [token] : [] });

  const urlCheck = checkAponoUrl(webhook.url);
  warnings.push(...urlCheck.warnings);
  if (options.enforceAponoUrlRules && urlCheck.errors.length > 0) return finish(urlRefusedError(urlCheck.errors));
  if (!options.enforceAponoUrlRules) warnings.push(...urlCheck.errors.map((e) => `Apono would refuse this URL: ${e}`));
  try {
    JSON.parse(renderedBody);
  } catch (e) {
    if (!options.allowInvalidJson) return finish(invalidBodyError('json', e instanceof Error ? e.message : String(e)));
    warnings.push('The body is not valid JSON; Apono would refuse it.');
  }

  const baseHeaders: HeaderPair[] = webhook.headers.map((h): HeaderPair => [h.key, h.value]);
  const a = webhook.auth;
  const withAuth = (token: string | null): HeaderPair[] => {
    const authorization = a.type === 'basic' ? basicAuthorization(a.username, a.password) : token === null ? null : `Bearer ${token}`;
    if (authorization === null) return baseHeaders;
    // The configured auth wins over a custom Authorization header; the record warns about the clash.
    return [...baseHeaders.filter(([n]) => n.toLowerCase() !== 'authorization'), ['Authorization', authorization]];
  };
  if (webhook.auth.type !== 'none' && baseHeaders.some(([n]) => n.toLowerCase() === 'authorization')) {
    warnings.push('A custom Authorization header was replaced by the webhook\'s authentication setting.');
  }

  const tokenReq = tokenRequestOf(webhook);
  let tokenFromCache = false;
  if (tokenReq) {
    const got = await getToken(tokenReq, cache, deadline.bound(sendOptions), options.signal);
    steps.push(got.step);
    if (got.token === null) return finish(got.step.error);
    token = got.token;
    tokenFromCache = got.step.fromCache === true;
  }

  const callName = (attempt: number) => (attempt === 1 ? 'the webhook call' : 'the retried webhook call');
  const call = async (attempt: number) => {
    const result = await send({ method: webhook.method, url: webhook.url, headers: withAuth(token), body: renderedBody }, deadline.bound(sendOptions), options.signal);
    // Only calls that went out took time from the budget (a cached token took none).
    result.error = deadline.explain(result.error, callName(attempt), steps.some((s) => !s.fromCache));
    steps.push(webhookStep(result, attempt, secretNames, token ? [...secrets, token] : secrets));
    return result;
  };

  if (deadline.remainingMs() === 0) return finish(deadline.ranOutBefore(callName(1)));
  let result = await call(1);
  if (tokenReq && tokenFromCache && result.response?.status === 401) {
    // A cached token can be revoked or expire early on the server's side; one fresh token settles it.
    cache.invalidate(tokenReq);
    if (deadline.remainingMs() === 0) return finish(deadline.ranOutBefore('the token refresh'));
    const fresh = await fetchToken(tokenReq, deadline.bound(sendOptions), options.signal, 2);
    steps.push(fresh.step);
    if (fresh.token === null) return finish(fresh.step.error);
    cache.set(tokenReq, fresh.token, fresh.expiresIn);
    token = fresh.token;
    if (deadline.remainingMs() === 0) return finish(deadline.ranOutBefore(callName(2)));
    result = await call(2);
  }

  if (result.error || !result.response) return finish(result.error);
  const { error, report } = judgeResponse(webhook.responseValidators, result.response);
  return finish(error, report);
}
