/**
 * The capture receiver: an HTTP or HTTPS server on 127.0.0.1 that records every request it gets and answers
 * 200 with `{"ok":true,"captured":"<id>"}`. Apono's Test reports "Test successful" for a 2xx answer (spec §4),
 * so pointing a webhook here and pressing Test both works and shows what was sent.
 *
 * Only loopback: the outside world reaches it through the user's own tunnel (README, "Capture").
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { maskCapturedHeaders, maskCapturedQuery } from '../../../shared/capture/mask';
import { maskText } from '../../../shared/delivery/masking';
import { CAPTURE_MAX_BODY_BYTES, type CaptureRecord } from '../../../shared/capture/types';
import type { HeaderPair } from '../../../shared/delivery/invocation';
import type { CaptureCert } from './capture-cert';
import { newCaptureId } from './capture-store';

export interface CaptureServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Serve HTTPS with this certificate. */
  tls?: CaptureCert;
  /** Stores one capture; the answer to the sender waits for it, so "captured" ids are always readable. */
  onRequest(record: CaptureRecord): Promise<void>;
  /** Largest body kept (default {@link CAPTURE_MAX_BODY_BYTES}). */
  maxBodyBytes?: number;
  /** Header names saved webhooks mark secret, masked like `Authorization` (read per request: webhooks change). */
  secretHeaderNames?: () => Promise<readonly string[]>;
  /**
   * Secret values saved webhooks hold (typed, stored, or `${env:NAME}` that is set), masked wherever they
   * appear, as the history masks a record whole: Apono echoes them in any header, the query or the body.
   */
  secretValues?: () => Promise<readonly string[]>;
}

export interface CaptureServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Reads a body, keeping at most `max` bytes but counting them all (the sender is never cut off mid-send). */
async function readBody(req: IncomingMessage, max: number): Promise<{ bytes: Buffer; size: number }> {
  const chunks: Buffer[] = [];
  let kept = 0;
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (kept < max) {
      const part = chunk.subarray(0, max - kept);
      chunks.push(part);
      kept += part.length;
    }
  }
  return { bytes: Buffer.concat(chunks), size };
}

/** Raw header pairs in arrival order, names as the sender spelled them. */
function headerPairs(req: IncomingMessage): HeaderPair[] {
  const out: HeaderPair[] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) out.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!]);
  return out;
}

/** Text when the bytes are valid UTF-8 (a cut body may end mid-character: its tail is tolerated), else base64. */
function encodeBody(bytes: Buffer, truncated: boolean): Pick<CaptureRecord, 'body' | 'bodyEncoding'> {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(truncated ? trimPartialChar(bytes) : bytes);
    return { body: text, bodyEncoding: 'utf8' };
  } catch {
    return { body: bytes.toString('base64'), bodyEncoding: 'base64' };
  }
}

/** Drops an incomplete UTF-8 sequence at the end of a cut buffer. */
function trimPartialChar(bytes: Buffer): Buffer {
  let i = bytes.length - 1;
  let back = 0;
  while (i >= 0 && back < 4 && (bytes[i]! & 0xc0) === 0x80) {
    i--;
    back++;
  }
  if (i < 0) return bytes;
  const lead = bytes[i]!;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return need > back + 1 ? bytes.subarray(0, i) : bytes;
}

/** Turns one request into a record, secrets masked. */
export async function recordRequest(req: IncomingMessage, tls: boolean, max: number, secretNames: readonly string[] = [], secretValues: readonly string[] = [], now = new Date()): Promise<CaptureRecord> {
  const { bytes, size } = await readBody(req, max);
  const target = req.url ?? '/';
  const q = target.indexOf('?');
  const truncated = size > bytes.length;
  const body = encodeBody(bytes, truncated);
  const text = (s: string) => maskText(s, secretValues);
  return {
    id: newCaptureId(now.getTime()),
    receivedAt: now.toISOString(),
    method: req.method ?? 'GET',
    path: text(q < 0 ? target : target.slice(0, q)),
    query: q < 0 ? '' : text(maskCapturedQuery(target.slice(q + 1))),
    headers: maskCapturedHeaders(headerPairs(req), secretNames, secretValues),
    // A base64 body is bytes, not text: a secret's text forms cannot be searched for in it.
    ...(body.bodyEncoding === 'utf8' ? { ...body, body: text(body.body) } : body),
    size,
    truncated,
    tls,
  };
}

/** Starts the receiver on 127.0.0.1; rejects with the listen error (e.g. EADDRINUSE) when the port is taken. */
export async function startCaptureServer(options: CaptureServerOptions): Promise<CaptureServer> {
  const max = options.maxBodyBytes ?? CAPTURE_MAX_BODY_BYTES;
  const tls = options.tls !== undefined;
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      try {
        const record = await recordRequest(req, tls, max, (await options.secretHeaderNames?.()) ?? [], (await options.secretValues?.()) ?? []);
        await options.onRequest(record);
        const body = JSON.stringify({ ok: true, captured: record.id });
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      } catch (e) {
        // The sender should know the capture was not kept (a full disk), rather than see a false success.
        const body = JSON.stringify({ ok: false, error: e instanceof Error ? e.message : String(e) });
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(body);
      }
    })();
  };
  const server: Server = options.tls ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, handler) : createHttpServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
