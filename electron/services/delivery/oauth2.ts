/**
 * OAuth2 client-credentials tokens for webhooks whose auth is `oauth2`.
 *
 * Apono's docs do not say which grant or injection it uses; client credentials with `Authorization: Bearer`
 * is the documented assumption (spec §10 #12). The token call goes through the same dispatcher as the
 * webhook, so it gets the same TLS settings, proxy, timeout and timing, and becomes its own step.
 */
import { createHash } from 'node:crypto';
import { oauthTokenError } from '../../../shared/delivery/errors';
import type { InvocationStep } from '../../../shared/delivery/invocation';
import { maskHeaders, maskText, webhookSecrets } from '../../../shared/delivery/masking';
import type { Webhook } from '../../../shared/model/webhook';
import { send, type SendOptions } from './dispatcher';

/** What the token endpoint needs; `clientSecret` is the resolved plain value. */
export interface TokenRequest {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
  /** `basic`: client_secret_basic (RFC 6749 §2.3.1, the default); `post`: id and secret in the form body. */
  authMethod: 'basic' | 'post';
  /** Other values to mask in the step's record: those read from the environment (a client ID, a tenant in the URL). */
  maskAlso?: readonly string[];
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

/**
 * Tokens cached per token URL + client ID + scopes (+ a hash of the secret, so editing the secret is never
 * masked by a token obtained with the old one), until `skewMs` before they expire. A token response
 * without `expires_in` is not cached: there is no safe lifetime to assume.
 */
export class TokenCache {
  private readonly tokens = new Map<string, CachedToken>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly skewMs = 30_000,
  ) {}

  static keyOf(req: TokenRequest): string {
    const secret = createHash('sha256').update(req.clientSecret).digest('hex').slice(0, 16);
    return JSON.stringify([req.tokenUrl, req.clientId, [...req.scopes].sort(), secret]);
  }

  get(req: TokenRequest): string | null {
    const key = TokenCache.keyOf(req);
    const hit = this.tokens.get(key);
    if (!hit) return null;
    if (this.now() >= hit.expiresAt - this.skewMs) {
      this.tokens.delete(key);
      return null;
    }
    return hit.token;
  }

  set(req: TokenRequest, token: string, expiresInSeconds: number | null): void {
    if (expiresInSeconds === null || !(expiresInSeconds > 0)) return;
    this.tokens.set(TokenCache.keyOf(req), { token, expiresAt: this.now() + expiresInSeconds * 1000 });
  }

  invalidate(req: TokenRequest): void {
    this.tokens.delete(TokenCache.keyOf(req));
  }
}

/**
 * The cache a delivery uses when its caller gives none. The backend passes its own one cache to Tests, sends
 * and replays alike, so a replay reuses the token a Test fetched (as Apono reuses a live token).
 */
export const processTokenCache = new TokenCache();

/** The token request of a webhook with OAuth2 auth (client_secret_basic unless it says otherwise); null for other auth. */
export function tokenRequestOf(webhook: Webhook): TokenRequest | null {
  const a = webhook.auth;
  if (a.type !== 'oauth2') return null;
  return { tokenUrl: a.tokenUrl, clientId: a.clientId, clientSecret: a.clientSecret, scopes: a.scopes, authMethod: a.clientAuthMethod ?? 'basic', maskAlso: webhookSecrets(webhook) };
}

/** A token (or `null` when the call failed) and the step that records how it was obtained. */
export interface TokenOutcome {
  token: string | null;
  step: InvocationStep;
}

function formEncode(fields: Array<[string, string]>): string {
  return fields.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

/** Asks the token endpoint for a fresh token; never throws. */
export async function fetchToken(req: TokenRequest, options: SendOptions, signal: AbortSignal | undefined, attempt: number): Promise<TokenOutcome & { expiresIn: number | null }> {
  const fields: Array<[string, string]> = [['grant_type', 'client_credentials']];
  if (req.scopes.length > 0) fields.push(['scope', req.scopes.join(' ')]);
  const headers: Array<[string, string]> = [
    ['Content-Type', 'application/x-www-form-urlencoded'],
    ['Accept', 'application/json'],
  ];
  if (req.authMethod === 'post') fields.push(['client_id', req.clientId], ['client_secret', req.clientSecret]);
  else {
    // RFC 6749 §2.3.1: both parts are form-urlencoded before base64.
    const cred = `${encodeURIComponent(req.clientId)}:${encodeURIComponent(req.clientSecret)}`;
    headers.unshift(['Authorization', `Basic ${Buffer.from(cred).toString('base64')}`]);
  }
  const result = await send({ method: 'POST', url: req.tokenUrl, headers, body: formEncode(fields) }, options, signal);

  let token: string | null = null;
  let expiresIn: number | null = null;
  // Credentials a token response may carry besides the access token (RFC 6749 §5.1 refresh_token, OpenID
  // Connect's id_token): Hooksmith uses none of them, and none may reach the record in clear.
  const issued: string[] = [];
  let error = result.error;
  const res = result.response;
  if (!error && res) {
    let parsed: unknown = null;
    try {
      parsed = res.bodyEncoding === 'utf8' ? JSON.parse(res.body) : null;
    } catch {
      parsed = null;
    }
    const obj = (parsed ?? {}) as { access_token?: unknown; refresh_token?: unknown; id_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown };
    for (const value of [obj.access_token, obj.refresh_token, obj.id_token]) if (typeof value === 'string' && value !== '') issued.push(value);
    if (res.status >= 200 && res.status < 300 && typeof obj.access_token === 'string' && obj.access_token !== '') {
      token = obj.access_token;
      expiresIn = typeof obj.expires_in === 'number' ? obj.expires_in : typeof obj.expires_in === 'string' ? Number(obj.expires_in) || null : null;
    } else {
      const detail = typeof obj.error === 'string' ? `${obj.error}${typeof obj.error_description === 'string' ? `: ${obj.error_description}` : ''}` : res.status >= 200 && res.status < 300 ? 'the response has no access_token' : `status ${res.status}`;
      error = oauthTokenError(`The token endpoint did not issue a token (${detail}).`, res.status, typeof obj.error === 'string' ? obj.error : undefined);
    }
  } else if (error) {
    error = { ...error, message: `Token request failed: ${error.message}` };
  }

  const secrets = [req.clientSecret, ...(req.maskAlso ?? []), ...issued];
  const step: InvocationStep = {
    kind: 'oauth-token',
    attempt,
    startedAt: result.startedAt,
    durationMs: result.durationMs,
    request: { ...result.request, url: maskText(result.request.url, secrets), headers: maskHeaders(result.request.headers, [], secrets), body: maskText(result.request.body, secrets) },
    response: res ? { ...res, headers: maskHeaders(res.headers, [], secrets), body: res.bodyEncoding === 'utf8' ? maskText(res.body, secrets) : res.body } : null,
    timings: result.timings,
    error,
    ...(result.proxy ? { proxy: result.proxy } : {}),
  };
  return { token, step, expiresIn };
}

/** A token from the cache, or a fresh one (cached when it carries `expires_in`). */
export async function getToken(req: TokenRequest, cache: TokenCache, options: SendOptions, signal: AbortSignal | undefined, attempt = 1): Promise<TokenOutcome> {
  const cached = cache.get(req);
  if (cached !== null) {
    return {
      token: cached,
      step: { kind: 'oauth-token', attempt, startedAt: new Date().toISOString(), durationMs: 0, request: null, response: null, timings: null, error: null, fromCache: true },
    };
  }
  const fresh = await fetchToken(req, options, signal, attempt);
  if (fresh.token !== null) cache.set(req, fresh.token, fresh.expiresIn);
  return { token: fresh.token, step: fresh.step };
}
