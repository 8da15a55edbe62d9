/**
 * Reads `apono_manual_webhook` resources from a Terraform file back into webhooks (see
 * `manual-webhook-export.ts` for the schema). `var.NAME` becomes `${env:NAME}`, so the variable a pipeline sets
 * as `TF_VAR_NAME` is the one Hooksmith reads when it sends; a header that reads a variable is a secret header;
 * `Authorization: Bearer ${var.NAME}` becomes the bearer token. Other blocks (provider, variables, other
 * resources) are passed over, and said so.
 */
import type { FieldIssue } from '../api/result';
import { HTTP_METHODS, type HttpMethod, type WebhookHeader, type WebhookInput } from '../model/webhook';
import { readHcl, type HclBlock, type HclValue } from './hcl-read';

/** What a Terraform file held: its Manual webhooks and notes on what was passed over, or every problem found. */
export type TerraformImport = { ok: true; webhooks: WebhookInput[]; notes: string[] } | { ok: false; issues: FieldIssue[] };

class Refusal extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** True when a text looks like Terraform (a `resource` or `variable` block), so importers can tell it from JSON. */
export function looksLikeTerraform(text: string): boolean {
  return /^\s*(?:#[^\n]*\n\s*|\/\/[^\n]*\n\s*)*(?:resource|variable|terraform|provider|locals)\s+["{A-Za-z]/.test(text);
}

const get = (entries: Array<[string, HclValue]>, key: string) => entries.find(([k]) => k === key)?.[1];

/** A string value (`var.NAME` and `${var.NAME}` read as `${env:NAME}`); `field` names it in refusals. */
function text(v: HclValue | undefined, field: string, required = true): string | undefined {
  if (v === undefined || v.kind === 'null') {
    if (required) throw new Refusal(field, `${field} is required.`);
    return undefined;
  }
  if (v.kind === 'ref') return envOf(v.path, field);
  if (v.kind === 'number' || v.kind === 'bool') return String(v.value);
  if (v.kind !== 'string') throw new Refusal(field, `line ${v.line}: ${field} must be a string.`);
  return v.parts.map((p) => (typeof p === 'string' ? p : envOf(p.ref, field))).join('');
}

function envOf(path: string, field: string): string {
  const m = /^var\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(path);
  if (!m) throw new Refusal(field, `${field} refers to ${path}; only input variables (var.NAME) are read, as \${env:NAME} when the webhook is sent.`);
  return `\${env:${m[1]}}`;
}

function strings(v: HclValue | undefined, field: string): string[] {
  if (v === undefined || v.kind === 'null') return [];
  if (v.kind !== 'tuple') throw new Refusal(field, `line ${v.line}: ${field} must be a list of strings, e.g. ["a", "b"].`);
  return v.items.map((item, k) => text(item, `${field}.${k}`)!);
}

function object(v: HclValue | undefined, field: string): Array<[string, HclValue]> | undefined {
  if (v === undefined || v.kind === 'null') return undefined;
  if (v.kind !== 'object') throw new Refusal(field, `line ${v.line}: ${field} must be an object: ${field} = { … }.`);
  return v.entries;
}

/** The resource's attributes, nested blocks read as object attributes (`type { http_request { … } }` works too). */
function entriesOf(block: HclBlock['body']): Array<[string, HclValue]> {
  const nested = block.blocks.map((b): [string, HclValue] => [b.type, { line: b.line, kind: 'object', entries: entriesOf(b.body) }]);
  return [...block.attributes, ...nested];
}

function webhookOf(block: HclBlock): WebhookInput {
  const at = entriesOf(block.body);
  const name = text(get(at, 'name'), 'name')!;
  const active = get(at, 'active');
  const http = object(get(object(get(at, 'type'), 'type') ?? [], 'http_request'), 'type.http_request');
  if (!http) {
    const integration = get(object(get(at, 'type'), 'type') ?? [], 'integration');
    throw new Refusal('type', integration ? 'type.integration (an integration action) has no HTTP request for Hooksmith to send; only type.http_request webhooks are imported.' : 'type.http_request is required.');
  }
  const method = text(get(http, 'method'), 'type.http_request.method')!.toUpperCase();
  if (!(HTTP_METHODS as readonly string[]).includes(method)) {
    throw new Refusal('type.http_request.method', `type.http_request.method is ${method}; Apono webhooks that Hooksmith tests send ${HTTP_METHODS.join(', ')}.`);
  }
  let auth: WebhookInput['auth'] = { type: 'none' };
  const headers: WebhookHeader[] = [];
  for (const [key, v] of object(get(http, 'headers'), 'type.http_request.headers') ?? []) {
    const value = text(v, `type.http_request.headers.${key}`)!;
    const bearer = /^Bearer (\$\{env:[A-Za-z_][A-Za-z0-9_]*\})$/.exec(value);
    if (key.toLowerCase() === 'authorization' && bearer) auth = { type: 'bearer', token: bearer[1]! };
    else headers.push(value.includes('${env:') ? { key, value, secret: true } : { key, value });
  }
  const oauth = object(get(object(get(at, 'authentication_config'), 'authentication_config') ?? [], 'oauth'), 'authentication_config.oauth');
  if (oauth) {
    if (auth.type === 'bearer') throw new Refusal('authentication_config.oauth', 'authentication_config.oauth and an Authorization: Bearer header both authenticate; keep one.');
    const f = (k: string) => text(get(oauth, k), `authentication_config.oauth.${k}`)!;
    auth = { type: 'oauth2', clientId: f('client_id'), clientSecret: f('client_secret'), tokenUrl: f('token_endpoint_url'), scopes: strings(get(oauth, 'scopes'), 'authentication_config.oauth.scopes') };
  }
  const validators = get(at, 'response_validators');
  if (validators && validators.kind !== 'tuple' && validators.kind !== 'null') throw new Refusal('response_validators', `line ${validators.line}: response_validators must be a list: [{ json_path = "…", expected_values = ["…"] }].`);
  const timeout = get(at, 'timeout_in_sec');
  if (timeout && timeout.kind !== 'number' && timeout.kind !== 'null') throw new Refusal('timeout_in_sec', `line ${timeout.line}: timeout_in_sec must be a whole number of seconds.`);
  return {
    name,
    active: active?.kind === 'bool' ? active.value : true,
    method: method as HttpMethod,
    url: text(get(http, 'url'), 'type.http_request.url')!,
    headers,
    auth,
    bodyTemplate: text(get(at, 'body_template'), 'body_template', false) ?? '',
    triggers: ['Manual'],
    filters: [],
    timeoutSeconds: timeout?.kind === 'number' ? timeout.value : null,
    responseValidators: (validators?.kind === 'tuple' ? validators.items : []).map((item, k) => {
      const v = object(item, `response_validators.${k}`) ?? [];
      return { jsonPath: text(get(v, 'json_path'), `response_validators.${k}.json_path`)!, expectedValues: strings(get(v, 'expected_values'), `response_validators.${k}.expected_values`) };
    }),
  };
}

/** Every `apono_manual_webhook` in a Terraform file, all or nothing: one issue per resource that cannot be read. */
export function fromTerraform(source: string): TerraformImport {
  const read = readHcl(source);
  if (!read.ok) return { ok: false, issues: [{ field: '(file)', message: `The Terraform file cannot be read: ${read.message}.` }] };
  const webhooks: WebhookInput[] = [];
  const issues: FieldIssue[] = [];
  const notes: string[] = [];
  const other: string[] = [];
  for (const block of read.body.blocks) {
    if (block.type !== 'resource' || block.labels[0] !== 'apono_manual_webhook') {
      if (block.type !== 'variable') other.push([block.type, ...block.labels].join(' '));
      continue;
    }
    const where = `apono_manual_webhook.${block.labels[1] ?? '?'}`;
    try {
      webhooks.push(webhookOf(block));
      const at = entriesOf(block.body);
      if (get(at, 'custom_validation_error_message')) notes.push(`${where}: custom_validation_error_message is shown by Apono only; Hooksmith keeps no copy of it.`);
    } catch (e) {
      if (!(e instanceof Refusal)) throw e;
      issues.push({ field: `${where}.${e.field}`, message: e.message });
    }
  }
  if (issues.length) return { ok: false, issues };
  if (!webhooks.length) return { ok: false, issues: [{ field: '(file)', message: 'The Terraform file holds no apono_manual_webhook resource.' }] };
  if (other.length) notes.push(`Passed over (not Manual webhooks): ${other.join('; ')}.`);
  return { ok: true, webhooks, notes };
}
