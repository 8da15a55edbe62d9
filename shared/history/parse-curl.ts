/**
 * Reads a curl command (as "Copy as cURL" in browsers, API docs or Hooksmith itself write it) into a request.
 *
 * Reads the words as the shell the command was written for would: bash (quotes, `$'…'` ANSI-C strings,
 * continuations; `curl-words-posix.ts`) or Windows cmd.exe (`^` escapes; `curl-words-cmd.ts`). Then the options
 * that shape a request; options that only change how curl behaves locally, and TLS or proxy options the webhook
 * sets its own way, are dropped and named in the warnings; anything else is refused, named. `$NAME` /
 * `${NAME}` (or `%NAME%` for cmd) in a header value becomes `${env:NAME}`.
 */
import type { HeaderPair } from '../delivery/invocation';
import { cmdWords, looksLikeCmd } from './curl-words-cmd';
import { posixWords } from './curl-words-posix';

export interface ParsedCurl {
  method: string;
  url: string;
  headers: HeaderPair[];
  body: string | null;
  /** Things the request cannot carry (e.g. `--insecure`), in plain language. */
  warnings: string[];
}

export type CurlParse = { ok: true; request: ParsedCurl } | { ok: false; message: string };

/** The longest command read (1 MiB): a pasted request, not a file; longer text is refused before any parsing. */
export const MAX_CURL_CHARS = 1024 * 1024;

/** Splits a command line into words, as bash would (see `curl-words-posix.ts`). */
export function shellWords(text: string): string[] | string {
  return posixWords(text);
}

const envRefs = (s: string) => s.replace(/\u0000([A-Za-z0-9_]+)\u0000/g, (_, n: string) => `\${env:${n}}`);
const hasEnv = (s: string) => /\u0000[A-Za-z0-9_]+\u0000/.test(s);

const DATA = new Set(['-d', '--data', '--data-raw', '--data-binary', '--data-ascii', '--json']);
/** Options that only change how curl runs on this machine (output, progress, retries, protocol choice): dropped and named. */
const LOCAL_FLAG = new Set(['-s', '--silent', '-S', '--show-error', '-v', '--verbose', '-i', '--include', '--compressed', '-L', '--location', '--http1.1', '--http2', '--http2-prior-knowledge', '-f', '--fail', '--fail-with-body', '--no-progress-meter', '-#', '--progress-bar', '-N', '--no-buffer', '--no-keepalive', '--tr-encoding', '-4', '--ipv4', '-6', '--ipv6', '--path-as-is']);
const LOCAL_WITH_ARG = new Set(['-o', '--output', '-m', '--max-time', '--connect-timeout', '-w', '--write-out', '--retry', '--retry-delay', '--retry-max-time', '--resolve', '--connect-to', '--max-redirs', '-D', '--dump-header', '--trace', '--trace-ascii', '-c', '--cookie-jar', '--limit-rate', '--interface']);
/** TLS options: the webhook's own network settings say the same (extra CA, client certificate), so they are named with that fix. */
const TLS_WITH_ARG = new Set(['--cacert', '--capath', '-E', '--cert', '--key', '--cert-type', '--key-type', '--pass', '--pinnedpubkey', '--ciphers', '--tls-max']);
const TLS_FLAG = new Set(['--tlsv1.2', '--tlsv1.3', '--tlsv1', '--ssl-no-revoke', '--ssl-revoke-best-effort']);
const PROXY_WITH_ARG = new Set(['-x', '--proxy', '-U', '--proxy-user', '--noproxy']);
/** Short options that take a value, which curl also reads joined to them (`-XPUT`, `-HAccept: x`). */
const SHORT_WITH_ARG = new Set(['-X', '-H', '-d', '-u', '-b', '-A', '-e', '-o', '-m', '-w', '-x', '-E', '-U', '-D', '-c']);
/** Short flags that curl lets you bundle (`-sSL`). */
const SHORT_FLAGS = new Set(['s', 'S', 'v', 'i', 'L', 'f', 'g', 'k', 'N', '#', '4', '6', 'I']);

/** Reads a command as the shell it was written for would: cmd.exe for `^`-escaped commands, else bash. */
function commandWords(text: string): string[] | string {
  return looksLikeCmd(text) ? cmdWords(text) : posixWords(text);
}

/** Expands bundled short flags (`-sSL` → `-s -S -L`) and splits joined short values (`-XPUT` → `-X PUT`). */
function expandShort(words: string[]): string[] {
  const out: string[] = [];
  for (const w of words) {
    if (!/^-[^-]/.test(w) || w.length <= 2) out.push(w);
    else if (SHORT_WITH_ARG.has(w.slice(0, 2))) out.push(w.slice(0, 2), w.slice(2));
    else if ([...w.slice(1)].every((f) => SHORT_FLAGS.has(f))) out.push(...[...w.slice(1)].map((f) => `-${f}`));
    else out.push(w);
  }
  return out;
}

/** Parses a curl command; fails naming what could not be understood; every option it drops is named in `warnings`. */
export function parseCurl(text: string): CurlParse {
  if (text.length > MAX_CURL_CHARS) {
    return { ok: false, message: `The curl command is ${Math.ceil(text.length / 1024)} KB; at most ${MAX_CURL_CHARS / 1024} KB is read. Paste a single request, or put a long body in a definition file.` };
  }
  const split = commandWords(text.trim());
  if (typeof split === 'string') return { ok: false, message: `The curl command cannot be read: ${split}.` };
  if (!/^curl(?:\.exe)?$/i.test(split[0] ?? '')) return { ok: false, message: 'The text must start with "curl".' };
  const words = [split[0]!, ...expandShort(split.slice(1))];
  let method: string | null = null;
  let url: string | null = null;
  let globoff = false;
  const headers: HeaderPair[] = [];
  const data: string[] = [];
  const warnings: string[] = [];
  const local: string[] = [];
  const tls: string[] = [];
  let json = false;
  for (let i = 1; i < words.length; i++) {
    let w = words[i]!;
    let inline: string | undefined;
    if (w.startsWith('--') && w.includes('=')) [w, inline] = [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)];
    const arg = () => inline ?? words[++i];
    if (w === '-X' || w === '--request') method = arg() ?? null;
    else if (w === '-I' || w === '--head') method = 'HEAD';
    else if (w === '-H' || w === '--header') {
      const h = arg() ?? '';
      const colon = h.indexOf(':');
      // `Name;` is curl's way to send a header with an empty value (Chromium writes it for one).
      if (colon < 0 && /^[^\s;]+;$/.test(h)) headers.push([h.slice(0, -1), '']);
      else if (colon <= 0) return { ok: false, message: `--header "${h}" must be "Name: value".` };
      else {
        const name = h.slice(0, colon).trim();
        const value = h.slice(colon + 1).trim();
        // `Name:` with nothing removes one of curl's own headers; it sends nothing.
        if (value !== '') headers.push([name, envRefs(value)]);
      }
    } else if (w === '-b' || w === '--cookie') {
      const c = arg() ?? '';
      // With a `=` it is the cookie data itself; without, a file to read cookies from (curl's rule).
      if (c.includes('=')) headers.push(['Cookie', envRefs(c)]);
      else local.push(`${w} (a cookie file)`);
    } else if (w === '-A' || w === '--user-agent') headers.push(['User-Agent', envRefs(arg() ?? '')]);
    else if (w === '-e' || w === '--referer') headers.push(['Referer', envRefs(arg() ?? '')]);
    else if (DATA.has(w)) {
      const d = arg() ?? '';
      if (d.startsWith('@') && w !== '--data-raw') return { ok: false, message: `${w} ${d} reads a file; paste the body itself instead.` };
      if (hasEnv(d)) warnings.push('The body refers to environment variables; they were kept as ${env:…} text.');
      data.push(envRefs(d));
      if (w === '--json') json = true;
    } else if (w === '--url') url = envRefs(arg() ?? '');
    else if (w === '-g' || w === '--globoff') globoff = true;
    else if (w === '-k' || w === '--insecure') warnings.push(`${w} was dropped: Hooksmith checks certificates as Apono does (a webhook may turn verification off in its network settings, for local testing only).`);
    else if (w === '-u' || w === '--user') {
      const cred = arg() ?? '';
      const refused = userRefusal(w, cred);
      if (refused) return { ok: false, message: refused };
      headers.push(['Authorization', `Basic ${btoaUtf8(cred)}`]);
    } else if (LOCAL_FLAG.has(w)) local.push(w);
    else if (LOCAL_WITH_ARG.has(w)) {
      arg(); // its value (a file, a time) is dropped with it, and never echoed: it may hold a password
      local.push(w);
    } else if (TLS_FLAG.has(w)) tls.push(w);
    else if (TLS_WITH_ARG.has(w)) {
      arg();
      tls.push(w);
    }
    else if (PROXY_WITH_ARG.has(w)) {
      arg();
      warnings.push(`${w} was dropped: set the proxy on the webhook's network settings or in Settings (Apono sends without it).`);
    } else if (w.startsWith('-') && w !== '-') return { ok: false, message: `curl option ${w} is not supported by the importer; remove it and try again.` };
    else if (url === null) url = envRefs(w);
    else return { ok: false, message: `Unexpected argument "${w}": only one URL is supported.` };
  }
  if (!url) return { ok: false, message: 'The curl command has no URL.' };
  // curl reads `[]{}` in a URL as a glob unless -g; `\[` is its escape for a literal bracket, which Chromium
  // writes for every bracket or brace (`escapeString(url).replace(/[[{}\]]/g, '\\$&')`).
  if (!globoff) url = url.replace(/\\([[\]{}])/g, '$1');
  if (tls.length) warnings.push(`Dropped ${tls.join(', ')}: certificates and keys are set on the webhook's network settings (extra CA, client certificate), not read from curl's files.`);
  if (local.length) warnings.push(`Dropped ${local.join(', ')}: ${local.length === 1 ? 'it only changes' : 'they only change'} how curl runs on your machine, not the request.`);
  if (json) {
    if (!headers.some(([n]) => n.toLowerCase() === 'content-type')) headers.push(['Content-Type', 'application/json']);
  }
  const body = data.length ? data.join(json ? '' : '&') : null;
  return { ok: true, request: { method: (method ?? (body !== null ? 'POST' : 'GET')).toUpperCase(), url, headers, body, warnings } };
}

/**
 * Why `-u` cannot become a header, or null. Basic authentication sends base64 of `user:password`, but a
 * webhook reads an environment variable only as a whole secret value and sends it as it is, so a
 * credential from the environment would go out unencoded; and without a password curl would prompt for one.
 */
function userRefusal(flag: string, cred: string): string | null {
  if (hasEnv(cred)) {
    const shown = cred.replace(/\u0000([A-Za-z0-9_]+)\u0000/g, '$$$1');
    return (
      `${flag} "${shown}" takes the user name and password from the environment, but Basic authentication needs them base64-encoded, which Hooksmith cannot do to an environment value. ` +
      `Put the whole header value in one variable and pass it as a header instead: export AUTH="Basic $(printf '%s' "${shown}" | base64 | tr -d '\\n')" and replace ${flag} with -H "Authorization: $AUTH" (kept as a secret environment reference); or write ${flag} user:password in clear to have it stored as a secret.`
    );
  }
  if (!cred.includes(':')) return `${flag} "${cred}" has no password (curl would ask for one); write ${flag} "${cred}:password".`;
  return null;
}

function btoaUtf8(s: string): string {
  let bin = '';
  for (const b of new TextEncoder().encode(s)) bin += String.fromCharCode(b);
  return btoa(bin);
}
