/**
 * "Copy as cURL" as browsers write it, for tests: ports of the browsers' own escaping, so commands are exactly
 * what a user pastes. Sources (read with git, cited so a change upstream can be followed):
 * - Chromium: devtools-frontend `front_end/panels/network/NetworkLogView.ts`, `generateCurlCommand`
 *   (`escapeStringPosix`, `escapeStringWin`; URL brackets and braces backslash-escaped; ` \`/` ^` joins).
 * - Firefox: gecko-dev `devtools/client/shared/curl.js`, `Curl.generateCommand` and `CurlUtils.escapeString*`.
 */

export interface BrowserRequest {
  url: string;
  method: string;
  headers: Array<[string, string]>;
  body?: string;
}

/** Chromium `escapeStringPosix`: `'…'`, or `$'…'` with `\uXXXX` for control characters and `!`. */
export function chromePosix(str: string): string {
  const hex = (x: string) => `\\u${x.charCodeAt(0).toString(16).padStart(4, '0')}`;
  if (/[\0-\x1F\x7F-\x9F!]|'/.test(str)) {
    return `$'${str.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/[\0-\x1F\x7F-\x9F!]/g, hex)}'`;
  }
  return `'${str}'`;
}

/** Chromium `escapeStringWin` (current: always `^"…^"`, `&` caret-escaped). */
export function chromeWin(str: string): string {
  return `^"${str
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/[^a-zA-Z0-9\s_\-:=+~'/.',?;()*`]/g, '^$&')
    .replace(/%(?=[a-zA-Z0-9_])/g, '%^')
    .replace(/\r?\n/g, '^\n\n')}^"`;
}

/** Chromium's command: URL, `-X` unless inferred, `-H` per header, `--data-raw`, joined with continuations. */
export function chromeCurl(req: BrowserRequest, platform: 'posix' | 'win'): string {
  const esc = platform === 'win' ? chromeWin : chromePosix;
  const parts = [esc(req.url).replace(/[[{}\]]/g, '\\$&')];
  const inferred = req.body !== undefined ? 'POST' : 'GET';
  if (req.method !== inferred) parts.push(`-X ${esc(req.method)}`);
  for (const [name, value] of req.headers) parts.push(`-H ${esc(value.trim() ? `${name}: ${value}` : `${name};`)}`);
  if (req.body !== undefined) parts.push(`--data-raw ${esc(req.body)}`);
  parts.push('--compressed');
  return `curl ${parts.join(parts.length >= 3 ? (platform === 'win' ? ' ^\n  ' : ' \\\n  ') : ' ')}`;
}

/** Firefox `escapeStringPosix`: `$'…'` when anything is outside printable ASCII or a `'`; `\xHH` below 256, else `\uHHHH`. */
export function firefoxPosix(str: string): string {
  const escapeCharacter = (x: string) => {
    const code = x.charCodeAt(0);
    if (code < 256) return code < 16 ? `\\x0${code.toString(16)}` : `\\x${code.toString(16)}`;
    return `\\u${code.toString(16).padStart(4, '0')}`;
  };
  if (/[^\x20-\x7E]|'/.test(str)) {
    return `$'${str
      .replace(/\\/g, '\\\\')
      .replace(/'/g, "\\'")
      .replace(/\n/g, '\\n')
      .replace(/\r/g, '\\r')
      .replace(/!/g, '\\041')
      .replace(/&/g, '^&')
      .replace(/[^\x20-\x7E]/g, escapeCharacter)}'`;
  }
  return `'${str}'`;
}

/** Firefox `escapeStringWin`. */
export function firefoxWin(str: string): string {
  return `^"${str
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/[`$]/g, '\\$&')
    .replace(/[^a-zA-Z0-9\s_\-:=+~/.',?;()*$&\\{}"`]/g, '^$&')
    .replace(/%(?=[a-zA-Z0-9_])/g, '%^')
    .replace(/\r?\n/g, '^\n\n')}^"`;
}

/** Firefox's command: URL (+ `--globoff` for brackets), `-X` unless GET, `-H` per header, `--data-raw`. */
export function firefoxCurl(req: BrowserRequest, platform: 'posix' | 'win'): string {
  const esc = platform === 'win' ? firefoxWin : firefoxPosix;
  const ifNeeded = (v: string) => (/^[a-zA-Z-]+$/.test(v) ? v : esc(v));
  const parts = [esc(req.url)];
  if (req.url.includes('[') || req.url.includes(']')) parts.push('--globoff');
  if (req.method !== 'GET') parts.push(`-X ${ifNeeded(req.method)}`);
  for (const [name, value] of req.headers) if (name.toLowerCase() !== 'host') parts.push(`-H ${ifNeeded(`${name}: ${value}`)}`);
  if (req.body) parts.push(`--data-raw ${ifNeeded(req.body)}`);
  return `curl ${parts.join(parts.length >= 3 ? (platform === 'win' ? ' ^\n  ' : ' \\\n  ') : ' ')}`;
}
