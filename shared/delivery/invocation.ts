/**
 * The invocation record: everything Hooksmith knows about one delivery of one webhook.
 *
 * It is what the Test panel shows and what the history keeps, so it is plain JSON (no Dates, no Buffers)
 * and carries no plain-text secret: every secret header value, bearer token and client secret is replaced
 * by {@link MASKED_SECRET} before the record is built.
 */
import type { Trigger, Webhook } from '../model/webhook';
import type { DeliveryError } from './errors';

/** Bumped when the record's shape changes, so the history store can migrate old records. */
export const INVOCATION_SCHEMA_VERSION = 1;

/** One header as it went over the wire: name in its original case, in the order it was sent or received. */
export type HeaderPair = [name: string, value: string];

/** How a body string is encoded: `utf8` for text, `base64` for anything that is not valid UTF-8. */
export type BodyEncoding = 'utf8' | 'base64';

/** A request as it was sent, secrets masked. */
export interface RequestSnapshot {
  method: string;
  url: string;
  /** The headers Node actually wrote (including `Host`, `User-Agent`, `Content-Length`), in order. */
  headers: HeaderPair[];
  /** The body as sent (UTF-8); form bodies of token calls have the client secret masked. */
  body: string;
}

/**
 * A response as received. Sizes and body are after content decoding (gzip, br, deflate are undone), so
 * they describe what the server meant to send, not the bytes on the wire.
 */
export interface ResponseSnapshot {
  status: number;
  statusText: string;
  /** Raw header pairs (`res.rawHeaders`): repeated headers stay separate, case and order kept. */
  headers: HeaderPair[];
  /** The body, up to the size limit; see `bodyEncoding`. */
  body: string;
  bodyEncoding: BodyEncoding;
  /** Bytes kept in `body` (before base64). */
  size: number;
  /** True when the body was cut at the size limit. */
  truncated: boolean;
  /**
   * The whole body's size in bytes: counted while draining the rest, or taken from `Content-Length` when
   * the rest was not downloaded. `null` when the transfer ended early (error, timeout, cancel).
   */
  fullSize: number | null;
}

/**
 * Time spent in each phase of one HTTP exchange, in milliseconds.
 *
 * A phase that did not happen is `null`: a reused keep-alive socket has no DNS, TCP or TLS phase, an IP
 * literal has no DNS phase, plain HTTP has no TLS phase, and an exchange that failed has no later phases.
 */
export interface StepTimings {
  /** Waiting for a free socket in the agent's pool. */
  queueMs: number | null;
  dnsMs: number | null;
  tcpMs: number | null;
  tlsMs: number | null;
  /** Socket ready → request fully written. */
  sendMs: number | null;
  /** Request written → first response byte (server think time). */
  waitMs: number | null;
  /** First byte → body end (or the cut at the size limit plus draining). */
  downloadMs: number | null;
  totalMs: number;
  /** True when a keep-alive socket from an earlier exchange was reused. */
  reusedSocket: boolean;
}

/** The proxy an exchange went through, as records show it: credentials masked. */
export interface ProxyUsed {
  /** Scheme, host and port, e.g. `http://127.0.0.1:3128`; user and password shown as `••••••••`. */
  url: string;
  /** Where it was set: the environment variable's name (`HTTPS_PROXY`, `https_proxy`) or `the proxy setting`. */
  source: string;
}

/** What a step did: fetch an OAuth2 token or call the webhook's URL. */
export type StepKind = 'oauth-token' | 'webhook';

/** One HTTP exchange of a delivery (or a token served from the cache, with no exchange). */
export interface InvocationStep {
  kind: StepKind;
  /** 1 for the first call of this kind, 2 for the refresh-and-retry after a 401. */
  attempt: number;
  /** ISO 8601. */
  startedAt: string;
  durationMs: number;
  /** `null` when no request went out (token from cache, URL refused before sending). */
  request: RequestSnapshot | null;
  response: ResponseSnapshot | null;
  timings: StepTimings | null;
  error: DeliveryError | null;
  /** Token steps only: the token came from the cache, so nothing was sent. */
  fromCache?: boolean;
  /** Set when the exchange went through a proxy (absent: direct, or nothing was sent). */
  proxy?: ProxyUsed;
}

/** The outcome of one response validator. */
export interface ValidatorResult {
  jsonPath: string;
  expectedValues: string[];
  passed: boolean;
  /** The values found at the path, normalized as they were compared (see `normalizeForComparison`). */
  found: string[];
  /** Why it failed, in plain language; absent when it passed. */
  reason?: string;
}

/** Apono's wording for a test result. */
export type Outcome = 'Success' | 'Failure';

/** One delivery of one webhook: request, response, steps, validators and the verdict. */
export interface InvocationRecord {
  schemaVersion: typeof INVOCATION_SCHEMA_VERSION;
  id: string;
  webhookId: string;
  webhookName: string;
  /** The webhook settings as used for this delivery, secrets masked. */
  webhook: Webhook;
  trigger: Trigger;
  /** The event payload the body template was rendered with. */
  event: unknown;
  /** The body template's output, as given to the delivery. */
  renderedBody: string;
  /** The last webhook call as sent (secrets masked); `null` when nothing was sent. */
  request: RequestSnapshot | null;
  /** The last webhook call's response; `null` when none arrived. */
  response: ResponseSnapshot | null;
  /** Every exchange in order: token call(s) first, then the webhook call(s). */
  steps: InvocationStep[];
  validators: ValidatorResult[];
  outcome: Outcome;
  /** Why the outcome is `Failure`; `null` on success. */
  error: DeliveryError | null;
  /** Things that did not stop the delivery but that Apono might refuse (e.g. an explicit port). */
  warnings: string[];
  /** ISO 8601. */
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** Set on a replay: the id of the invocation it re-sent or re-rendered. */
  replayOf?: string;
  /**
   * Set on an invocation imported from a repro bundle: the original's id (from the machine that exported it,
   * so usually not in this history) and when it started. The record's own `startedAt`/`finishedAt` are the
   * import time, so retention keeps it for its full term and it is listed with today's invocations.
   */
  importedFrom?: { originalId: string; startedAt: string };
  /**
   * True when the history kept this record without bodies (the webhook's "don't keep bodies" privacy option):
   * the event, rendered body and every request/response body were removed before it was written.
   */
  bodiesOmitted?: boolean;
}
