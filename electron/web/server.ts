/**
 * Browser mode's loopback HTTP bridge: the contract over `POST /api/<namespace.method>`, plus the built UI.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Api } from '../../shared/api/contract';
import { MAX_API_BODY_BYTES } from '../../shared/api/channels';
import { dispatchApiCall } from '../../shared/api/dispatch';
import { err, type Result } from '../../shared/api/result';
import { checkHostAndOrigin, tokenMatches } from './guards';
import { serveStatic } from './static-files';

/** Header that carries the per-launch token on every API call. */
export const TOKEN_HEADER = 'x-hooksmith-token';

export interface WebServerOptions {
  api: Api;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed token for tests; a random one otherwise. */
  token?: string;
}

export interface WebServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, result: Result<unknown>): void {
  const body = JSON.stringify(result);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_API_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function handleApi(api: Api, token: string, name: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST') return sendJson(res, 405, err('invalid-argument', 'API calls must use POST.'));
  const presented = req.headers[TOKEN_HEADER];
  if (!tokenMatches(typeof presented === 'string' ? presented : undefined, token)) {
    return sendJson(res, 401, err('forbidden', 'Missing or wrong session token: open Hooksmith from the URL it printed at start.'));
  }
  // A JSON content type cannot be sent cross-site without a CORS preflight, which this server never grants.
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    return sendJson(res, 415, err('invalid-argument', 'API calls must send Content-Type: application/json.'));
  }
  const text = await readBody(req);
  if (text === undefined) return sendJson(res, 413, err('invalid-argument', `Request body over ${MAX_API_BODY_BYTES} bytes.`));
  let envelope: unknown;
  try {
    envelope = text ? JSON.parse(text) : {};
  } catch {
    return sendJson(res, 400, err('invalid-argument', 'Request body is not JSON.'));
  }
  const arg = typeof envelope === 'object' && envelope !== null ? (envelope as { arg?: unknown }).arg : undefined;
  sendJson(res, 200, await dispatchApiCall(api, name, arg));
}

/** Starts the bridge on 127.0.0.1 only. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  let port = 0;
  const server = createServer((req, res) => {
    const refused = checkHostAndOrigin(req, port);
    if (refused) return sendJson(res, refused.status, err('forbidden', refused.message));
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const done = url.pathname.startsWith('/api/')
      ? handleApi(options.api, token, url.pathname.slice('/api/'.length), req, res)
      : req.method === 'GET' || req.method === 'HEAD'
        ? serveStatic(options.staticDir, url.pathname, res)
        : Promise.resolve(void res.writeHead(405).end());
    done.catch((e: unknown) => {
      if (!res.headersSent) sendJson(res, 500, err('internal', e instanceof Error ? e.message : String(e)));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolvePromise());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}
