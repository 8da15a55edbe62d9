/** Serves the built renderer from one folder, never outside it. */
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY, isRenderWorkerPath, RENDER_WORKER_CONTENT_SECURITY_POLICY } from '../../shared/security/csp';

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

/** Answers a GET for `pathname` from `root`; unknown paths get index.html so reloads of in-app routes work. */
export async function serveStatic(root: string, pathname: string, res: ServerResponse): Promise<void> {
  let rel: string;
  try {
    rel = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  } catch {
    res.writeHead(400).end('Bad path');
    return;
  }
  const base = normalize(root + sep);
  let file = join(base, rel || 'index.html');
  if (!file.startsWith(base)) {
    res.writeHead(403).end('Forbidden');
    return;
  }
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    if (extname(rel)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    file = join(base, 'index.html');
    try {
      body = await readFile(file);
    } catch {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('The renderer is not built: run `npm run build` first.');
      return;
    }
  }
  const isHtml = extname(file) === '.html';
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'x-content-type-options': 'nosniff',
    'cache-control': isHtml ? 'no-store' : 'max-age=3600',
    ...(isHtml ? { 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer' } : {}),
    // A dedicated worker runs under its own response's policy: the render workers may eval (Handlebars
    // compiles templates to functions) but reach nothing.
    ...(isRenderWorkerPath(file.split(sep).join('/')) ? { 'content-security-policy': RENDER_WORKER_CONTENT_SECURITY_POLICY } : {}),
  });
  res.end(body);
}
