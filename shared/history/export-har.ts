/**
 * HAR 1.2 export (http://www.softwareishard.com/blog/har-12-spec/): one entry per invocation, for browser
 * dev tools, Charles, Fiddler or a colleague's HAR viewer.
 *
 * Secrets stay redacted: records hold masked values only, and the export adds nothing. A failed exchange
 * without a response gets status 0 and the failure in `_error` (custom fields start with `_`).
 */
import type { HeaderPair, InvocationRecord, StepTimings } from '../delivery/invocation';

export interface HarHeader {
  name: string;
  value: string;
}
export interface HarTimings {
  blocked: number;
  dns: number;
  connect: number;
  ssl: number;
  send: number;
  wait: number;
  receive: number;
}
export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    cookies: unknown[];
    headers: HarHeader[];
    queryString: HarHeader[];
    postData?: { mimeType: string; text: string };
    headersSize: number;
    bodySize: number;
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    cookies: unknown[];
    headers: HarHeader[];
    content: { size: number; mimeType: string; text?: string; encoding?: string };
    redirectURL: string;
    headersSize: number;
    bodySize: number;
  };
  cache: Record<string, never>;
  timings: HarTimings;
  comment?: string;
  _error?: { errorClass: string; message: string };
  _hooksmithId: string;
}
export interface HarLog {
  log: { version: '1.2'; creator: { name: string; version: string }; entries: HarEntry[] };
}

const headerList = (h: readonly HeaderPair[]): HarHeader[] => h.map(([name, value]) => ({ name, value }));
const find = (h: readonly HeaderPair[], name: string) => h.find(([n]) => n.toLowerCase() === name)?.[1];
/** HAR uses -1 for "does not apply"; a phase we did not measure is exactly that. */
const ms = (v: number | null | undefined) => (v === null || v === undefined ? -1 : Math.round(v * 1000) / 1000);
const utf8Length = (s: string) => new TextEncoder().encode(s).length;

/**
 * Maps our phases to HAR's: queue → blocked, dns, tcp+tls → connect (HAR's `connect` includes `ssl`), tls →
 * ssl, send, wait, download → receive. `send`, `wait` and `receive` are required non-negative, so an
 * exchange that ended early reports 0 for them.
 */
export function harTimings(t: StepTimings | null): HarTimings {
  if (!t) return { blocked: -1, dns: -1, connect: -1, ssl: -1, send: 0, wait: 0, receive: 0 };
  const connect = t.tcpMs === null && t.tlsMs === null ? -1 : (t.tcpMs ?? 0) + (t.tlsMs ?? 0);
  return { blocked: ms(t.queueMs), dns: ms(t.dnsMs), connect: ms(connect), ssl: ms(t.tlsMs), send: Math.max(0, ms(t.sendMs)), wait: Math.max(0, ms(t.waitMs)), receive: Math.max(0, ms(t.downloadMs)) };
}

function entryOf(r: InvocationRecord, creatorComment?: string): HarEntry | null {
  const req = r.request;
  if (!req) return null;
  const step = [...r.steps].reverse().find((s) => s.kind === 'webhook');
  const timings = harTimings(step?.timings ?? null);
  const time = [timings.blocked, timings.dns, timings.connect, timings.send, timings.wait, timings.receive].filter((v) => v > 0).reduce((a, b) => a + b, 0);
  let queryString: HarHeader[] = [];
  try {
    queryString = [...new URL(req.url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    /* an invalid URL has no query to list */
  }
  const res = r.response;
  const resType = res ? (find(res.headers, 'content-type') ?? '') : '';
  const entry: HarEntry = {
    startedDateTime: step?.startedAt ?? r.startedAt,
    time,
    request: {
      method: req.method,
      url: req.url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: headerList(req.headers),
      queryString,
      ...(req.body !== '' ? { postData: { mimeType: find(req.headers, 'content-type') ?? 'application/json', text: req.body } } : {}),
      headersSize: -1,
      bodySize: utf8Length(req.body),
    },
    response: res
      ? {
          status: res.status,
          statusText: res.statusText,
          httpVersion: 'HTTP/1.1',
          cookies: [],
          headers: headerList(res.headers),
          content: { size: res.fullSize ?? res.size, mimeType: resType, text: res.body, ...(res.bodyEncoding === 'base64' ? { encoding: 'base64' } : {}) },
          redirectURL: find(res.headers, 'location') ?? '',
          headersSize: -1,
          bodySize: res.size,
        }
      : { status: 0, statusText: '', httpVersion: '', cookies: [], headers: [], content: { size: 0, mimeType: '' }, redirectURL: '', headersSize: -1, bodySize: -1 },
    cache: {},
    timings,
    _hooksmithId: r.id,
  };
  if (creatorComment) entry.comment = creatorComment;
  if (r.error) entry._error = { errorClass: r.error.errorClass, message: r.error.message };
  return entry;
}

/** A HAR 1.2 log of the given invocations (those that sent nothing are left out). */
export function toHar(records: readonly InvocationRecord[], creatorVersion: string): HarLog {
  const entries = records.map((r) => entryOf(r, `${r.webhookName} · ${r.trigger} · ${r.outcome}`)).filter((e): e is HarEntry => e !== null);
  return { log: { version: '1.2', creator: { name: 'Hooksmith', version: creatorVersion }, entries } };
}
