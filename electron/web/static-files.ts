/**
 * The built renderer's files with their security headers, never anything outside its folder.
 *
 * One resolver for both ways the UI is served: browser mode's HTTP bridge and the desktop app's `app://`
 * protocol, so the page and its workers run under the same policies in both.
 */
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY, workerContentSecurityPolicy } from '../../shared/security/csp';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export interface StaticResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

const plain = (status: number, text: string): StaticResponse => ({ status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: text });

/** The response for a GET of `pathname` under `root`; unknown extension-less paths get index.html (in-app routes). */
export async function resolveStatic(root: string, pathname: string): Promise<StaticResponse> {
  let rel: string;
  try {
    rel = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  } catch {
    return plain(400, 'Bad path');
  }
  const base = normalize(root + sep);
  let file = join(base, rel || 'index.html');
  if (!file.startsWith(base)) return plain(403, 'Forbidden');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    if (extname(rel)) return plain(404, 'Not found');
    file = join(base, 'index.html');
    try {
      body = await readFile(file);
    } catch {
      return plain(500, 'The renderer is not built: run `npm run build` first.');
    }
  }
  const isHtml = extname(file) === '.html';
  const workerPolicy = workerContentSecurityPolicy(file.split(sep).join('/'));
  return {
    status: 200,
    body,
    headers: {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'x-content-type-options': 'nosniff',
      'cache-control': isHtml ? 'no-store' : 'max-age=3600',
      ...(isHtml ? { 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer' } : {}),
      // A dedicated worker runs under its own response's policy: the render workers may eval (Handlebars
      // compiles templates to functions) but reach nothing; Monaco's editor and JSON workers may do neither.
      ...(workerPolicy ? { 'content-security-policy': workerPolicy } : {}),
    },
  };
}

/** Answers an HTTP GET from `root` (browser mode). */
export async function serveStatic(root: string, pathname: string, res: ServerResponse): Promise<void> {
  const r = await resolveStatic(root, pathname);
  res.writeHead(r.status, r.headers).end(r.body);
}
