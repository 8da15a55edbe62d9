/**
 * Formatting for invocation data, shared by the Test panel and `hooksmith send` so both say the same thing.
 */
import type { BodyEncoding, HeaderPair } from './invocation';

/** A duration for people: `0.42 ms`, `12.3 ms`, `245 ms`, `1.25 s`, `2 min 5 s`. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** A size for people, in binary units: `512 B`, `1.5 KB`, `100 MB`. */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '—';
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 100 ? Math.round(v) : Number(v.toFixed(1))} ${units[i]}`;
}

/** Headers as an HTTP message shows them, one `Name: value` per line, in the given order. */
export function headersText(headers: readonly HeaderPair[]): string {
  return headers.map(([n, v]) => `${n}: ${v}`).join('\n');
}

/** A body for reading: JSON pretty-printed with two spaces, anything else unchanged; `json` says which. */
export function prettyBody(body: string, encoding: BodyEncoding = 'utf8'): { text: string; json: boolean } {
  if (encoding === 'base64') return { text: body, json: false };
  const trimmed = body.trim();
  if (trimmed === '' || (trimmed[0] !== '{' && trimmed[0] !== '[')) return { text: body, json: false };
  try {
    return { text: JSON.stringify(JSON.parse(trimmed), null, 2), json: true };
  } catch {
    return { text: body, json: false };
  }
}
