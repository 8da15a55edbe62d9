/**
 * What the capture receiver records: every request that reached it, as it arrived (secrets masked), so
 * users can see what Apono really sends instead of guessing (issue #15).
 */
import type { HeaderPair } from '../delivery/invocation';

/** The largest body a capture keeps; the rest is counted but dropped, and the capture says so. */
export const CAPTURE_MAX_BODY_BYTES = 1024 * 1024;

/**
 * How many captures are kept at most; the oldest go first. Captures are a debugging aid, not a log: a few
 * hundred cover any session, and the age limit (the history's `maxAgeDays`) removes forgotten ones.
 */
export const CAPTURE_MAX_COUNT = 500;

/** One request the receiver got. */
export interface CaptureRecord {
  id: string;
  /** ISO 8601 time the request arrived. */
  receivedAt: string;
  method: string;
  /** The path without the query, e.g. `/services/T0/B0/x`. */
  path: string;
  /** The raw query without `?` (credential-like parameters masked); empty when there was none. */
  query: string;
  /** Headers in arrival order, names as sent; `Authorization` and credential headers masked. */
  headers: HeaderPair[];
  /** The body: UTF-8 text, or base64 when the bytes are not valid UTF-8. */
  body: string;
  bodyEncoding: 'utf8' | 'base64';
  /** Bytes received in all (more than kept when `truncated`). */
  size: number;
  /** True when the body was longer than {@link CAPTURE_MAX_BODY_BYTES} and was cut there. */
  truncated: boolean;
  /** Whether the request came over the receiver's HTTPS listener. */
  tls: boolean;
}

/** One row of the capture list. */
export interface CaptureSummary {
  id: string;
  receivedAt: string;
  method: string;
  path: string;
  size: number;
  truncated: boolean;
  contentType: string;
}

/** Whether the receiver runs, where, and the certificate it shows over HTTPS. */
export interface CaptureStatus {
  running: boolean;
  /** E.g. `http://127.0.0.1:8787/`; absent when stopped. */
  url?: string;
  port?: number;
  https?: boolean;
  /** SHA-256 fingerprint of the receiver's certificate (HTTPS only), as `AB:CD:…`. */
  fingerprint?: string;
  /** The receiver's self-signed certificate, PEM (HTTPS only), so a tunnel or curl can trust it. */
  certPem?: string;
  /** How many requests were captured since it started. */
  captured: number;
}

/** The summary row of a record. */
export function summarizeCapture(r: CaptureRecord): CaptureSummary {
  const ct = r.headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1] ?? '';
  return { id: r.id, receivedAt: r.receivedAt, method: r.method, path: r.path, size: r.size, truncated: r.truncated, contentType: ct };
}
