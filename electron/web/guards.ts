/**
 * Who may talk to the browser-mode bridge.
 *
 * The bridge listens on 127.0.0.1 only, but any web page the user visits can still send requests to it,
 * and a DNS-rebinding page can even make them same-origin under its own host name. So: the Host header
 * must name this server, an Origin (when sent) must be this server, and every API call must carry the
 * per-launch token that only the printed URL contains.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The exact `host:port` values this server answers to. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export type GuardFailure = { status: number; message: string };

/** Checks Host and Origin; undefined when the request may proceed. */
export function checkHostAndOrigin(req: IncomingMessage, port: number): GuardFailure | undefined {
  const hosts = allowedHosts(port);
  const host = (req.headers.host ?? '').toLowerCase();
  if (!hosts.has(host)) return { status: 421, message: `Refused: Host "${host}" is not this Hooksmith server.` };
  const origin = req.headers.origin;
  if (origin !== undefined) {
    let ok = false;
    try {
      const u = new URL(origin);
      ok = u.protocol === 'http:' && hosts.has(u.host.toLowerCase());
    } catch {
      ok = false;
    }
    if (!ok) return { status: 403, message: `Refused: requests from origin "${origin}" are not allowed.` };
  }
  return undefined;
}

/** Constant-time token comparison, so the token cannot be guessed byte by byte from response times. */
export function tokenMatches(presented: string | undefined, expected: string): boolean {
  if (!presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
