/**
 * "Copy as curl": a command that re-sends a recorded request with real curl.
 *
 * Runnable as is in a POSIX shell: every word is single-quoted, the body goes through `--data-binary` (which,
 * unlike `-d`, keeps newlines and bytes exactly), curl's own `Accept` is removed when the original had none,
 * and HTTP/1.1 is forced as Node sent it. Secrets appear as `"$HOOKSMITH_…"` references unless their clear
 * values are passed in `revealed`.
 */
import type { InvocationRecord } from '../delivery/invocation';
import { envNamesIn, hasEnvReference } from '../model/env-references';
import { MASKED_SECRET } from '../model/webhook';
import { maskedHeader } from './secret-headers';
import { shellQuote, shellQuoteTemplate, shellQuoteWithVar } from './shell';

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
  const envVars: string[] = [];
  // A URL that carried a value read from the environment (`?token=${env:LOGZIO_TOKEN}`) asks for the same variable.
  const urlTemplate = req.url.includes(MASKED_SECRET) && hasEnvReference(record.webhook.url) ? record.webhook.url : null;
  if (urlTemplate !== null) envVars.push(...envNamesIn(urlTemplate));
  const lines = [`curl --http1.1 --request ${shellQuote(req.method)}`, `  --url ${urlTemplate === null ? shellQuote(req.url) : shellQuoteTemplate(urlTemplate)}`];
  const auth = record.webhook.auth;
  let hasAccept = false;
  let hasConnection = false;
  for (const [name, value] of req.headers) {
    const lower = name.toLowerCase();
    if (CURL_COMPUTES.has(lower)) continue;
    if (lower === 'accept') hasAccept = true;
    if (lower === 'connection') hasConnection = true;
    const masked = maskedHeader(record, name, value);
    const clear = masked ? options.revealed?.[masked.key] : undefined;
    if (masked && clear === undefined && masked.template !== undefined) {
      envVars.push(...envNamesIn(masked.template));
      lines.push(`  --header ${shellQuoteTemplate(`${name}: ${masked.template}`)}`);
    } else if (masked && clear === undefined && lower === 'authorization' && auth.type === 'basic') {
      // curl builds `Basic base64(user:password)` itself from --user, which a shell variable cannot do inline.
      const password = hasEnvReference(auth.password) ? auth.password : `\${env:${masked.envName}}`;
      envVars.push(...envNamesIn(auth.username), ...envNamesIn(password));
      lines.push(`  --user ${shellQuoteTemplate(`${auth.username}:${password}`)}`);
    } else if (masked && clear === undefined) {
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
