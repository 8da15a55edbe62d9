/**
 * One HTTP exchange through axios, measured and bounded: the dispatcher never throws for network or HTTP
 * failures, it returns them classified, with whatever was captured before the failure.
 */
import axios, { type AxiosResponse } from 'axios';
import type { Readable } from 'node:stream';
import { classifyNetworkError, type DeliveryError, type NetworkPhase } from '../../../shared/delivery/errors';
import type { HeaderPair, ProxyUsed, RequestSnapshot, ResponseSnapshot, StepTimings } from '../../../shared/delivery/invocation';
import { classifyProxyFailure } from '../../../shared/delivery/proxy-errors';
import { resolveProxy, type ProxyResolution, type ProxySetting } from '../../../shared/delivery/proxy-rules';
import { agentFor, type TlsSettings } from './agents';
import { TimingRecorder, timingTransport } from './timing-agent';

/** Used when the webhook has no "Timeout in seconds" (Apono's default is undocumented). */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Bodies above this are cut; the rest is counted, not kept. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const USER_AGENT = 'Hooksmith/0.1';

/** A private axios instance, so app-wide axios defaults (and their `Accept` header) never leak into webhooks. */
const client = axios.create();
delete (client.defaults.headers.common as Record<string, unknown>).Accept;

/** What to send. `headers` are sent in this order with this case; duplicates of a name are joined with ", ". */
export interface SendSpec {
  method: string;
  url: string;
  headers: HeaderPair[];
  body: string | null;
}

/** How to send it. */
export interface SendOptions {
  /** Bounds the whole exchange, body download included. Default {@link DEFAULT_TIMEOUT_MS}. */
  timeoutMs?: number;
  /** Bounds DNS + TCP + TLS; defaults to `timeoutMs`. */
  connectTimeoutMs?: number;
  /** Default {@link DEFAULT_MAX_BODY_BYTES}. */
  maxBodyBytes?: number;
  tls?: TlsSettings;
  /** Default `{ mode: 'env' }` (HTTPS_PROXY / NO_PROXY, like curl). */
  proxy?: ProxySetting;
  /** Where `env` proxy settings are read; defaults to `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** The outcome of one exchange. `request` is NOT masked: the caller masks it before recording. */
export interface SendResult {
  request: RequestSnapshot;
  response: ResponseSnapshot | null;
  timings: StepTimings;
  error: DeliveryError | null;
  startedAt: string;
  durationMs: number;
  /** The proxy it went through (https URLs only; plain http always goes direct), credentials masked. */
  proxy: ProxyUsed | null;
}

function hasHeader(headers: readonly HeaderPair[], name: string): boolean {
  const lower = name.toLowerCase();
  return headers.some(([n]) => n.toLowerCase() === lower);
}

/** The headers handed to axios, in order; adds Content-Type and User-Agent unless the spec sets them. */
export function effectiveHeaders(spec: SendSpec): HeaderPair[] {
  const out: HeaderPair[] = [...spec.headers];
  if (spec.body !== null && !hasHeader(out, 'content-type')) out.push(['Content-Type', 'application/json']);
  if (!hasHeader(out, 'user-agent')) out.push(['User-Agent', USER_AGENT]);
  return out;
}

const BINARY_TYPES = /^(image|audio|video|font)\/|application\/(octet-stream|pdf|zip|gzip|x-protobuf|protobuf)/i;

function decodeBody(buf: Buffer, truncated: boolean, contentType: string | undefined): { body: string; bodyEncoding: 'utf8' | 'base64' } {
  if (contentType === undefined || !BINARY_TYPES.test(contentType)) {
    try {
      // `stream: true` when cut, so a multi-byte character split at the limit does not make the body "binary".
      return { body: new TextDecoder('utf-8', { fatal: true }).decode(buf, { stream: truncated }), bodyEncoding: 'utf8' };
    } catch {
      /* not UTF-8: fall through to base64 */
    }
  }
  return { body: buf.toString('base64'), bodyEncoding: 'base64' };
}

/** The body read so far; kept outside `readBody` so a failure mid-download still shows what arrived. */
interface BodySoFar {
  chunks: Buffer[];
  kept: number;
  total: number;
}

/**
 * Reads the body up to `max` bytes, then counts the rest without keeping it. When the server declared an
 * uncompressed `Content-Length`, the rest is not downloaded at all and the declared size is reported.
 */
async function readBody(stream: Readable, max: number, declared: number | null, acc: BodySoFar): Promise<{ truncated: boolean; fullSize: number }> {
  for await (const raw of stream) {
    const chunk = raw as Buffer;
    acc.total += chunk.length;
    if (acc.kept < max) {
      const take = chunk.subarray(0, max - acc.kept);
      acc.chunks.push(take);
      acc.kept += take.length;
    }
    if (acc.total > max && declared !== null) {
      stream.destroy();
      return { truncated: true, fullSize: declared };
    }
  }
  return { truncated: acc.total > max, fullSize: acc.total };
}

function errorCode(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const o = e as { code?: unknown; cause?: { code?: unknown } };
  if (typeof o.cause?.code === 'string' && (o.code === undefined || o.code === 'ERR_BAD_RESPONSE' || o.code === 'ERR_NETWORK')) return o.cause.code;
  return typeof o.code === 'string' ? o.code : undefined;
}

/**
 * Sends one request and captures the response.
 *
 * Never follows redirects (a webhook sender should not, and the 3xx is what the user needs to see), never
 * uses axios' own proxy handling (proxies are explicit, see {@link SendOptions.proxy}), and treats every
 * status as a response (`validateStatus: () => true`); the caller decides what a status means.
 */
export async function send(spec: SendSpec, options: SendOptions = {}, signal?: AbortSignal): Promise<SendResult> {
  const startedAt = new Date().toISOString();
  const rec = new TimingRecorder();
  const headers = effectiveHeaders(spec);
  const requestSnapshot = (): RequestSnapshot => ({
    method: spec.method,
    url: spec.url,
    headers: rec.sentHeaders.length > 0 ? rec.sentHeaders : headers,
    body: spec.body ?? '',
  });
  let proxy: ProxyUsed | null = null;
  const finish = (response: ResponseSnapshot | null, error: DeliveryError | null): SendResult => {
    const timings = rec.timings();
    return { request: requestSnapshot(), response, timings, error, startedAt, durationMs: timings.totalMs, proxy };
  };

  let url: URL;
  try {
    url = new URL(spec.url);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('unsupported scheme');
  } catch {
    return finish(null, classifyNetworkError('ERR_INVALID_URL', 'invalid URL', 'connect'));
  }

  // Only https URLs are proxied (see agentFor). A proxy value that cannot be used fails this send, recorded.
  const route: ProxyResolution = url.protocol === 'https:' ? resolveProxy(spec.url, options.proxy ?? { mode: 'env' }, options.env ?? process.env) : { ok: true, proxy: null };
  if (!route.ok) return finish(null, route.error);
  const choice = route.proxy;
  if (choice) proxy = { url: choice.url, source: choice.source };
  const classify = (code: string | undefined, message: string, phase: NetworkPhase): DeliveryError =>
    proxy && rec.tunnel === 'opening'
      ? classifyProxyFailure(code, message, phase, proxy)
      : classifyNetworkError(code, message, phase, { clientCert: Boolean(options.tls?.clientCertPem), freshConnection: !rec.reusedSocket });

  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const connectTimeoutMs = Math.min(options.connectTimeoutMs ?? timeoutMs, timeoutMs);
  const controller = new AbortController();
  rec.signal = controller.signal;
  let timedOutIn: NetworkPhase | null = null;
  const expire = (onlyIfConnecting: boolean) => () => {
    if (onlyIfConnecting && rec.connected) return;
    timedOutIn = rec.phase();
    controller.abort();
  };
  const totalTimer = setTimeout(expire(false), timeoutMs);
  const connectTimer = connectTimeoutMs < timeoutMs ? setTimeout(expire(true), connectTimeoutMs) : null;
  const onCancel = () => controller.abort();
  if (signal?.aborted) controller.abort();
  signal?.addEventListener('abort', onCancel, { once: true });

  const agent = agentFor(url.protocol as 'http:' | 'https:', options.tls ?? {}, choice);
  const axiosHeaders: Record<string, string> = {};
  for (const [name, value] of headers) {
    const existing = Object.keys(axiosHeaders).find((k) => k.toLowerCase() === name.toLowerCase());
    if (existing !== undefined) axiosHeaders[existing] = `${axiosHeaders[existing]}, ${value}`;
    else axiosHeaders[name] = value;
  }

  const max = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const acc: BodySoFar = { chunks: [], kept: 0, total: 0 };
  const snapshot = (truncated: boolean, fullSize: number | null): ResponseSnapshot => {
    const head = rec.responseHead ?? { status: 0, statusText: '', rawHeaders: [] };
    const contentType = head.rawHeaders.find(([n]) => n.toLowerCase() === 'content-type')?.[1];
    const kept = Buffer.concat(acc.chunks);
    return { status: head.status, statusText: head.statusText, headers: head.rawHeaders, ...decodeBody(kept, truncated || fullSize === null, contentType), size: kept.length, truncated, fullSize };
  };
  let stream: Readable | null = null;
  const destroyOnAbort = () => stream?.destroy(new Error('aborted'));
  controller.signal.addEventListener('abort', destroyOnAbort, { once: true });
  try {
    const res: AxiosResponse<Readable> = await client.request<Readable>({
        method: spec.method,
        url: spec.url,
        headers: axiosHeaders,
        data: spec.body === null ? undefined : Buffer.from(spec.body, 'utf8'),
        // Identity: axios' default JSON transform trims string bodies, which would change the bytes sent.
        transformRequest: [(d: unknown) => d],
        responseType: 'stream',
        validateStatus: () => true,
        maxRedirects: 0,
        proxy: false,
        httpAgent: agent,
        httpsAgent: agent,
        // Node's http/https with this send's timing recorder in the request options (see timing-agent.ts).
        transport: timingTransport(rec, url.protocol === 'https:'),
        maxContentLength: -1,
        maxBodyLength: -1,
        signal: controller.signal,
      });
    stream = res.data;
    if (controller.signal.aborted) stream.destroy();
    rec.responseHead ??= { status: res.status, statusText: res.statusText, rawHeaders: [] };
    const head = rec.responseHead;
    const encoded = head.rawHeaders.some(([n, v]) => n.toLowerCase() === 'content-encoding' && v.toLowerCase() !== 'identity');
    const lengthHeader = head.rawHeaders.find(([n]) => n.toLowerCase() === 'content-length')?.[1];
    const declared = !encoded && lengthHeader !== undefined && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : null;
    const body = await readBody(stream, max, declared, acc);
    rec.mark('end');
    return finish(snapshot(body.truncated, body.fullSize), null);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // A failure after the head arrived keeps the head and the partial body; fullSize is unknown.
    const partial = rec.responseHead ? snapshot(acc.total > max, null) : null;
    if (timedOutIn !== null) return finish(partial, classify('ETIMEDOUT', message, timedOutIn));
    if (controller.signal.aborted) return finish(partial, classify('ERR_CANCELED', message, rec.phase()));
    return finish(partial, classify(errorCode(e), message, rec.phase()));
  } finally {
    clearTimeout(totalTimer);
    if (connectTimer) clearTimeout(connectTimer);
    signal?.removeEventListener('abort', onCancel);
    controller.signal.removeEventListener('abort', destroyOnAbort);
  }
}
