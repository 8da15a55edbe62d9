/**
 * "Copy as curl": a command that re-sends a recorded request with real curl.
 *
 * Runnable as is in a POSIX shell: every word is single-quoted, the body goes through `--data-binary` (which,
 * unlike `-d`, keeps newlines and bytes exactly), curl's own `Accept` is removed when the original had none,
 * and HTTP/1.1 is forced as Node sent it. Secrets appear as `"$HOOKSMITH_…"` references unless their clear
 * values are passed in `revealed`.
 */
import type { InvocationRecord } from '../delivery/invocation';
import { maskedHeader } from './secret-headers';
import { shellQuote, shellQuoteWithVar } from './shell';

/** Headers curl computes itself from the URL and body; repeating them could only make them disagree. */
const CURL_COMPUTES = new Set(['host', 'content-length']);

export interface CurlExportOptions {
  /** Clear secret values by lower-case header name; a masked header without one becomes an `$ENV` reference. */
  revealed?: Readonly<Record<string, string>>;
}

/** The curl command and the variables it expects to be set. */
export interface CurlExport {
  command: string;
  envVars: string[];
}

/** Builds the command for the record's last webhook call; `null` when nothing was sent. */
export function toCurl(record: InvocationRecord, options: CurlExportOptions = {}): CurlExport | null {
  const req = record.request;
  if (!req) return null;
  const lines = [`curl --http1.1 --request ${shellQuote(req.method)}`, `  --url ${shellQuote(req.url)}`];
  const envVars: string[] = [];
  let hasAccept = false;
  let hasConnection = false;
  for (const [name, value] of req.headers) {
    const lower = name.toLowerCase();
    if (CURL_COMPUTES.has(lower)) continue;
    if (lower === 'accept') hasAccept = true;
    if (lower === 'connection') hasConnection = true;
    const masked = maskedHeader(record, name, value);
    const clear = masked ? options.revealed?.[masked.key] : undefined;
    if (masked && clear === undefined) {
      envVars.push(masked.envName);
      lines.push(`  --header ${shellQuoteWithVar(`${name}: ${masked.prefix}`, masked.envName)}`);
    } else lines.push(`  --header ${shellQuote(`${name}: ${masked ? masked.prefix + clear : value}`)}`);
  }
  // curl adds `Accept: */*` on its own; an empty `Accept:` removes it so the request matches the original.
  if (!hasAccept) lines.push(`  --header 'Accept:'`);
  // Node's keep-alive agents add `Connection: keep-alive` while writing, after the record took its headers.
  if (!hasConnection) lines.push(`  --header 'Connection: keep-alive'`);
  if (req.body !== '' || record.request?.headers.some(([n]) => n.toLowerCase() === 'content-length')) {
    // `--data-binary @x` would read a file named x; `--data-raw` takes a literal string, equally byte-exact.
    lines.push(`  ${req.body.startsWith('@') ? '--data-raw' : '--data-binary'} ${shellQuote(req.body)}`);
  }
  return { command: lines.join(' \\\n'), envVars: [...new Set(envVars)] };
}
