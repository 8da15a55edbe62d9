/**
 * Reads a curl command (as "Copy as cURL" in browsers, API docs or Hooksmith itself write it) into a request.
 *
 * Understands POSIX shell words (single and double quotes, backslashes, line continuations) and the options
 * that shape a request; options that only change how curl behaves locally are skipped; anything else is
 * reported rather than silently dropped. `$NAME` / `${NAME}` in a header value becomes `${env:NAME}`.
 */
import type { HeaderPair } from '../delivery/invocation';

export interface ParsedCurl {
  method: string;
  url: string;
  headers: HeaderPair[];
  body: string | null;
  /** Things the request cannot carry (e.g. `--insecure`), in plain language. */
  warnings: string[];
}

export type CurlParse = { ok: true; request: ParsedCurl } | { ok: false; message: string };

/** Splits a command line into words; env references in double quotes or bare are marked `\u0000NAME\u0000`. */
export function shellWords(text: string): string[] | string {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let i = 0;
  const varAt = (j: number): { name: string; end: number } | null => {
    const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/.exec(text.slice(j));
    return m ? { name: (m[1] ?? m[2])!, end: j + m[0].length } : null;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\' && text[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (/\s/.test(c)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
      i++;
      continue;
    }
    inWord = true;
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) return 'unterminated single quote';
      cur += text.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length && '"\\$`\n'.includes(text[i + 1]!)) {
          if (text[i + 1] !== '\n') cur += text[i + 1];
          i += 2;
        } else if (text[i] === '$' && varAt(i)) {
          const v = varAt(i)!;
          cur += `\u0000${v.name}\u0000`;
          i = v.end;
        } else cur += text[i++];
      }
      if (i >= text.length) return 'unterminated double quote';
      i++;
    } else if (c === '\\') {
      cur += text[i + 1] ?? '';
      i += 2;
    } else if (c === '$' && varAt(i)) {
      const v = varAt(i)!;
      cur += `\u0000${v.name}\u0000`;
      i = v.end;
    } else {
      cur += c;
      i++;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

 
const envRefs = (s: string) => s.replace(/\u0000([A-Za-z0-9_]+)\u0000/g, (_, n: string) => `\${env:${n}}`);
 
const hasEnv = (s: string) => /\u0000[A-Za-z0-9_]+\u0000/.test(s);

const DATA = new Set(['-d', '--data', '--data-raw', '--data-binary', '--data-ascii', '--json']);
const SKIP_FLAG = new Set(['-s', '--silent', '-S', '--show-error', '-v', '--verbose', '-i', '--include', '--compressed', '-L', '--location', '--http1.1', '--http2', '-f', '--fail', '-g', '--globoff', '--no-progress-meter']);
const SKIP_WITH_ARG = new Set(['-o', '--output', '-m', '--max-time', '--connect-timeout', '--cacert', '--cert', '--key', '-w', '--write-out', '--retry', '--resolve', '--proxy', '-x']);

/** Parses a curl command; fails naming what could not be understood. */
export function parseCurl(text: string): CurlParse {
  const words = shellWords(text.trim());
  if (typeof words === 'string') return { ok: false, message: `The curl command cannot be read: ${words}.` };
  if (words[0] !== 'curl') return { ok: false, message: 'The text must start with "curl".' };
  let method: string | null = null;
  let url: string | null = null;
  const headers: HeaderPair[] = [];
  const data: string[] = [];
  const warnings: string[] = [];
  let json = false;
  for (let i = 1; i < words.length; i++) {
    let w = words[i]!;
    let inline: string | undefined;
    if (w.startsWith('--') && w.includes('=')) [w, inline] = [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)];
    const arg = () => inline ?? words[++i];
    if (w === '-X' || w === '--request') method = arg() ?? null;
    else if (w.startsWith('-X') && w.length > 2) method = w.slice(2);
    else if (w === '-H' || w === '--header') {
      const h = arg() ?? '';
      const colon = h.indexOf(':');
      if (colon <= 0) return { ok: false, message: `--header "${h}" must be "Name: value".` };
      const name = h.slice(0, colon).trim();
      const value = h.slice(colon + 1).trim();
      // `Name:` with nothing removes one of curl's own headers; it sends nothing.
      if (value !== '') headers.push([name, envRefs(value)]);
    } else if (DATA.has(w)) {
      const d = arg() ?? '';
      if (d.startsWith('@') && w !== '--data-raw') return { ok: false, message: `${w} ${d} reads a file; paste the body itself instead.` };
      if (hasEnv(d)) warnings.push('The body refers to environment variables; they were kept as ${env:…} text.');
      data.push(envRefs(d));
      if (w === '--json') json = true;
    } else if (w === '--url') url = arg() ?? null;
    else if (w === '-k' || w === '--insecure') warnings.push('--insecure was dropped: Hooksmith checks certificates as Apono does.');
    else if (w === '-u' || w === '--user') {
      const cred = arg() ?? '';
      const refused = userRefusal(w, cred);
      if (refused) return { ok: false, message: refused };
      headers.push(['Authorization', `Basic ${btoaUtf8(cred)}`]);
    } else if (SKIP_FLAG.has(w)) continue;
    else if (SKIP_WITH_ARG.has(w)) i += inline === undefined ? 1 : 0;
    else if (w.startsWith('-')) return { ok: false, message: `curl option ${w} is not supported by the importer; remove it and try again.` };
    else if (url === null) url = envRefs(w);
    else return { ok: false, message: `Unexpected argument "${w}": only one URL is supported.` };
  }
  if (!url) return { ok: false, message: 'The curl command has no URL.' };
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
