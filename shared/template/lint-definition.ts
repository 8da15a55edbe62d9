/**
 * Lint for webhook definition files: Apono's rules on every webhook, then the template lint on each body.
 *
 * `hooksmith lint` takes templates and definition files alike; a file is a definition file when it parses as
 * JSON holding webhooks (an object with `bodyTemplate` or `webhooks`, or a list). A template may be valid
 * JSON too (a constant body), so that test looks for the webhook shape, not just for JSON.
 */
import { parseDefinitionFile } from '../model/definition-file';
import { lineAndColumn, locateJsonValue, stringUnitOffset, type JsonPathStep } from '../util/json-position';
import { lintTemplate, type LintFinding, type LintOptions } from './lint-template';
import { findContract } from '../contracts';
import { plannedHeaders } from '../contracts/planned-request';
import type { WebhookInput } from '../model/webhook';
import type { RobustnessTarget } from './robustness';

type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What a definition-file webhook's requests are checked against: the contract it names, its URL and the headers
 * it will send. None when it names no known contract (an unknown id is a rule error already) or its URL,
 * headers or auth are not well-formed (the rules report those).
 */
function targetOf(w: JsonObject): RobustnessTarget | undefined {
  const contract = typeof w.contract === 'string' ? findContract(w.contract) : undefined;
  if (!contract || typeof w.url !== 'string') return undefined;
  const headers = Array.isArray(w.headers) ? w.headers : [];
  if (!headers.every((h) => isObject(h) && typeof h.key === 'string' && typeof h.value === 'string')) return undefined;
  const auth = isObject(w.auth) && typeof w.auth.type === 'string' ? (w.auth as unknown as WebhookInput['auth']) : { type: 'none' as const };
  return { contract, url: w.url, headers: plannedHeaders({ headers: headers as unknown as WebhookInput['headers'], auth }) };
}

/** The webhook objects of a definition file, or undefined when `text` is not one. */
export function definitionWebhooks(text: string): JsonObject[] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
  const list = Array.isArray(value) ? value : isObject(value) && Array.isArray(value.webhooks) ? value.webhooks : isObject(value) && 'bodyTemplate' in value ? [value] : undefined;
  if (!list || !list.every((w) => isObject(w) && 'bodyTemplate' in w)) return undefined;
  return list as JsonObject[];
}

/** The name a definition-file issue gives webhook `index` (see parseDefinitionFile): `webhooks[1] (SlackAlerts)`. */
function issuePrefix(item: unknown, index: number): string {
  const name = isObject(item) && typeof item.name === 'string' && item.name !== '' ? item.name : undefined;
  return `webhooks[${index}]${name === undefined ? '' : ` (${name})`}`;
}

/**
 * The JSON steps to the value an issue's field names, in the file's own shape (a bare webhook, a list, or
 * `{ "webhooks": [ … ] }`); `(file)` is the root. Index steps are written as digits (`headers.0.value`).
 */
function issueSteps(root: unknown, field: string): JsonPathStep[] {
  const steps = (path: string): JsonPathStep[] => (path === '' ? [] : path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s)));
  if (field === '(file)') return [];
  const m = /^webhooks\[(\d+)\]/.exec(field);
  if (!m) return steps(field);
  const index = Number(m[1]);
  const list: unknown[] = Array.isArray(root) ? root : isObject(root) && Array.isArray(root.webhooks) ? root.webhooks : [root];
  const base: JsonPathStep[] = Array.isArray(root) ? [index] : isObject(root) && Array.isArray(root.webhooks) ? ['webhooks', index] : [];
  const prefix = issuePrefix(list[index], index);
  return field.startsWith(prefix) ? [...base, ...steps(field.slice(prefix.length).replace(/^\./, ''))] : base;
}

/** How findings name the body template of webhook `index` of a definition file: `FILE[Name]`, else `FILE[webhooks[i]]`. */
export function templateName(webhook: Record<string, unknown>, index: number, fileName: string): string {
  return `${fileName}[${typeof webhook.name === 'string' && webhook.name ? webhook.name : `webhooks[${index}]`}]`;
}

/** The UTF-16 index of 1-based `line`/`column` in `text`. */
function templateIndex(text: string, line: number, column: number): number {
  const lines = text.split('\n');
  let index = 0;
  for (let k = 0; k < line - 1 && k < lines.length; k++) index += lines[k]!.length + 1;
  return Math.min(index + column - 1, text.length);
}

/**
 * Findings for a definition file: each rule problem as an error or warning, placed at the value its field names
 * (or, for a missing field, at the object that lacks it), and each webhook's template findings under `FILE[Name]`,
 * positioned in the template, with `origin` their place in the file itself (inside the `bodyTemplate` string).
 */
export function lintDefinitionFile(text: string, fileName: string, options: LintOptions = {}): LintFinding[] {
  // Positions as an editor shows them: a byte-order mark is not a column.
  const body = text.replace(/^\uFEFF/, '');
  let root: unknown;
  try {
    root = JSON.parse(body);
  } catch {
    root = undefined;
  }
  const position = (field: string): { line: number; column: number } => {
    const found = root === undefined ? undefined : locateJsonValue(body, issueSteps(root, field));
    return found ? lineAndColumn(body, found.start) : { line: 1, column: 1 };
  };
  const findings: LintFinding[] = parseDefinitionFile(text).issues.map((issue) => ({
    file: fileName,
    ...position(issue.field),
    severity: issue.severity === 'warning' ? 'warning' : 'error',
    code: 'webhook-rule',
    message: `${issue.field}: ${issue.message}`,
  }));
  for (const [i, w] of (definitionWebhooks(text) ?? []).entries()) {
    const template = w.bodyTemplate;
    if (typeof template !== 'string') continue;
    const target = targetOf(w);
    const quote = root === undefined ? undefined : locateJsonValue(body, issueSteps(root, `${issuePrefix(w, i)}.bodyTemplate`))?.start;
    for (const f of lintTemplate(template, templateName(w, i, fileName), target ? { ...options, target } : options)) {
      const origin = quote === undefined ? undefined : { file: fileName, ...lineAndColumn(body, stringUnitOffset(body, quote, templateIndex(template, f.line, f.column))) };
      findings.push(origin ? { ...f, origin } : f);
    }
  }
  return findings;
}
