/**
 * Target contracts: what a target's documentation says it accepts, as data, so Hooksmith can say offline
 * "Splunk would refuse this" before anything is sent.
 *
 * A contract states the auth scheme (header name and prefix, or a query parameter), the body's framing (one
 * JSON object, a JSON array of at most N, one object per line), its JSON Schema, the size limit and the URL
 * paths the body fits, with the documentation it comes from. Pure data and pure checks: the editor, the
 * robustness check, `hooksmith lint` and the send path all use {@link checkRequest}.
 */
import { validateSchema, type JsonSchema } from './json-schema';

/** One accepted way to authenticate: a header whose value starts with `prefix`, or a query parameter. */
export type AuthScheme = { header: string; prefix: string } | { query: string };

/** How the body is framed. `lines`: one minified JSON object per line (NDJSON); the schema applies to each. */
export type Framing = { kind: 'object' } | { kind: 'array'; maxItems: number } | { kind: 'lines' };

/** A URL path rule: the path must match `pattern` (a RegExp source, case-insensitive), or `message` says why not. */
export interface UrlPathRule {
  pattern: string;
  message: string;
}

/** One target's documented request rules. */
export interface TargetContract {
  /** Stable id, stored on webhooks (`contract` field): `splunk-hec`, `jira-v3`. */
  id: string;
  /** The target as messages name it: "Splunk would refuse this: …". */
  target: string;
  /** Where the rules come from. */
  docUrl: string;
  /** Any one of these must hold; empty when the credential is the URL itself and cannot be checked. */
  auth: readonly AuthScheme[];
  framing: Framing;
  /** The body's schema: of the object, of each array item, or of each line. */
  schema: JsonSchema;
  /** The largest body the target takes, in bytes (UTF-8). */
  maxBodyBytes: number;
  /** For `array` and `lines`: the largest single item or line, in bytes. */
  maxItemBytes?: number;
  urlPath?: UrlPathRule;
}

/** One reason the target would refuse a request; `where` is what to fix. */
export interface ContractFinding {
  where: 'auth' | 'url' | 'framing' | 'body' | 'size';
  /** The JSON path inside the body (`$.fields.description`; `line 2: $.message` for lines), when `where` is `body`. */
  path?: string;
  /** The same place as steps from the body's root, to find it in the text (absent for lines and request-level findings). */
  steps?: Array<string | number>;
  /** "Splunk would refuse this: the Authorization header must start with `Splunk `." */
  message: string;
}

/** The request as sent, or as it will be: header values may still hold `${env:…}` references. */
export interface RequestToCheck {
  url: string;
  headers: ReadonlyArray<readonly [string, string]>;
  body: string;
}

const bytes = (text: string) => new TextEncoder().encode(text).length;

function describeScheme(s: AuthScheme): string {
  if ('query' in s) return `?${s.query}= in the URL`;
  return s.prefix === '' ? `the ${s.header} header` : `the ${s.header} header starting with \`${s.prefix}\``;
}

function authFindings(contract: TargetContract, req: RequestToCheck, url: URL | null): ContractFinding[] {
  if (contract.auth.length === 0) return [];
  const holds = contract.auth.some((s) => {
    // A URL that does not parse yet (placeholders) cannot be judged here; the URL rules report it.
    if ('query' in s) return url === null || (url.searchParams.get(s.query) ?? '') !== '';
    const h = req.headers.find(([n]) => n.toLowerCase() === s.header.toLowerCase());
    return h !== undefined && h[1].startsWith(s.prefix) && h[1].length > s.prefix.length;
  });
  if (holds) return [];
  const [first, ...others] = contract.auth;
  const main =
    'query' in first!
      ? `the URL must carry ?${first!.query}=…`
      : first!.prefix === ''
        ? `the ${first!.header} header must be set`
        : `the ${first!.header} header must start with \`${first!.prefix}\``;
  const alternatives = others.length ? ` (or use ${others.map(describeScheme).join(', or ')})` : '';
  return [{ where: 'auth', message: `${contract.target} would refuse this: ${main}${alternatives}.` }];
}

function bodyFindings(contract: TargetContract, body: string): ContractFinding[] {
  const refuse = (where: ContractFinding['where'], message: string, path?: string, steps?: Array<string | number>): ContractFinding => ({
    where,
    message: `${contract.target} would refuse this: ${message}`,
    ...(path ? { path } : {}),
    ...(steps ? { steps } : {}),
  });
  const out: ContractFinding[] = [];
  const size = bytes(body);
  if (size > contract.maxBodyBytes) out.push(refuse('size', `the body is ${size} bytes, over the ${contract.maxBodyBytes}-byte limit.`));
  const schemaFindings = (value: unknown, prefix: string) =>
    validateSchema(value, contract.schema).map((v) => refuse('body', `${prefix}${v.path} ${v.message}.`, `${prefix}${v.path}`, prefix === '' ? v.steps : undefined));
  if (contract.framing.kind === 'lines') {
    const lines = body.replace(/\r?\n$/, '').split(/\r?\n/);
    lines.forEach((line, i) => {
      const at = `line ${i + 1}: `;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        out.push(refuse('framing', `line ${i + 1} of ${lines.length} is not a JSON object on its own: it takes one minified JSON object per line, so render each log on a single line.`));
        return;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) out.push(refuse('framing', `line ${i + 1} must be a JSON object.`));
      else out.push(...schemaFindings(value, lines.length > 1 ? at : ''));
      if (contract.maxItemBytes !== undefined && bytes(line) > contract.maxItemBytes) out.push(refuse('size', `line ${i + 1} is ${bytes(line)} bytes, over the ${contract.maxItemBytes}-byte limit per line.`));
    });
    return out;
  }
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return [...out, refuse('framing', 'the body is not JSON.')];
  }
  if (contract.framing.kind === 'array') {
    if (!Array.isArray(value)) return [...out, refuse('framing', `the body must be a JSON array of at most ${contract.framing.maxItems} entries, not ${typeof value === 'object' && value !== null ? 'an object' : 'a ' + typeof value}.`)];
    if (value.length === 0) out.push(refuse('framing', 'the body must hold at least one entry.'));
    if (value.length > contract.framing.maxItems) out.push(refuse('framing', `the body holds ${value.length} entries; at most ${contract.framing.maxItems} are taken per request.`));
    value.forEach((item, i) => {
      out.push(...validateSchema(item, contract.schema, `$[${i}]`, [i]).map((v) => refuse('body', `${v.path} ${v.message}.`, v.path, v.steps)));
      if (contract.maxItemBytes !== undefined && bytes(JSON.stringify(item)) > contract.maxItemBytes) out.push(refuse('size', `entry ${i + 1} is over the ${contract.maxItemBytes}-byte limit per entry.`));
    });
    return out;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [...out, refuse('framing', 'the body must be one JSON object.')];
  return [...out, ...schemaFindings(value, '')];
}

/** Every reason `contract`'s target would refuse `req`; empty when the documented rules all hold. */
export function checkRequest(contract: TargetContract, req: RequestToCheck): ContractFinding[] {
  const url = parseUrl(req.url);
  return [...urlFindings(contract, url), ...authFindings(contract, req, url), ...bodyFindings(contract, req.body)];
}

function urlFindings(contract: TargetContract, url: URL | null): ContractFinding[] {
  if (!contract.urlPath || url === null || new RegExp(contract.urlPath.pattern, 'i').test(url.pathname)) return [];
  return [{ where: 'url', message: `${contract.target} would refuse this: ${contract.urlPath.message}` }];
}

/** The URL rule alone (no body needed): why the target would refuse requests to `rawUrl`, if it would. */
export function checkUrlPath(contract: TargetContract, rawUrl: string): ContractFinding[] {
  return urlFindings(contract, parseUrl(rawUrl));
}

/** The URL, parsed around a preset's placeholders (`https://<SPLUNK_HEC_HOST>/…` stands for text the user types). */
function parseUrl(raw: string): URL | null {
  try {
    return new URL(raw.replace(/<[A-Z][A-Z0-9_]*>/g, 'placeholder'));
  } catch {
    return null;
  }
}
