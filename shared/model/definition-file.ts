/**
 * The JSON definition-file format, so teams can keep webhooks in git (documented in docs/definition-files.md).
 *
 * A file is `{ "schemaVersion": 1, "webhooks": [ … ] }` (what Hooksmith writes), a single webhook object, or
 * a bare list of webhooks (both accepted because people copy one webhook out of a file). Each webhook
 * carries its own `schemaVersion` so a copied object still says what it is; inside the wrapper it may be
 * left out and is inherited.
 */
import type { FieldIssue } from '../api/result';
import type { WebhookAuth, WebhookInput, WebhookNetwork } from './webhook';
import { validateWebhookInput } from './webhook-rules';
import { isRecord, type JsonObject } from './shape-check';
import { parseJsonWithPosition } from '../util/json-position';
import { exportSecret, plainSecretWarnings } from './definition-secrets';

/** The definition-file format version this build reads and writes. */
export const DEFINITION_SCHEMA_VERSION = 1;

/** Keys a webhook object may have; others are reported, since they are usually typos. */
const WEBHOOK_KEYS = [
  'schemaVersion',
  'name',
  'active',
  'method',
  'url',
  'headers',
  'auth',
  'bodyTemplate',
  'triggers',
  'filters',
  'timeoutSeconds',
  'responseValidators',
  'network',
  'contract',
] as const;

/** Values for optional fields that a file leaves out. Required: schemaVersion, name, method, url, bodyTemplate, triggers. */
const DEFAULTS: Partial<Record<(typeof WEBHOOK_KEYS)[number], () => unknown>> = {
  active: () => true,
  headers: () => [],
  auth: () => ({ type: 'none' }),
  filters: () => [],
  timeoutSeconds: () => null,
  responseValidators: () => [],
};

/** What the importer knows that the file does not. */
export interface ParseDefinitionOptions {
  /** Names of webhooks already saved that the imported ones must not reuse (ignoring case). */
  existingNames?: string[];
}

/** The webhooks that passed, and every issue, with fields like `webhooks[1] (SlackAlerts).url`. */
export interface DefinitionParseResult {
  webhooks: WebhookInput[];
  issues: FieldIssue[];
  /** The warnings of the webhooks that passed, by webhook name (also in `issues`, there with the long field). */
  warnings: DefinitionWarning[];
}

/**
 * A problem with one webhook of a file that does not stop it from being imported: a secret in clear, an
 * unknown field (a typo such as `timeout`), a loopback http:// URL, TLS verification off, a long timeout.
 */
export interface DefinitionWarning {
  /** The webhook's name, as written in the file. */
  webhook: string;
  /** The field within that webhook, e.g. `timeout` or `headers.0.value`. */
  field: string;
  message: string;
}

/**
 * Reads a definition file and checks every webhook in it against Apono's rules.
 *
 * `webhooks` holds only the webhooks without errors, so a UI can offer a partial import; a caller that wants
 * all-or-nothing refuses when any issue is an error. A file from a newer Hooksmith is refused outright.
 */
export function parseDefinitionFile(text: string, opts: ParseDefinitionOptions = {}): DefinitionParseResult {
  const parsed = parseJsonWithPosition(text);
  if (!parsed.ok) {
    const where = `line ${parsed.line}, column ${parsed.column}`;
    return { webhooks: [], warnings: [], issues: [{ field: '(file)', message: `The file is not valid JSON: ${parsed.problem} at ${where} — fix the syntax there.` }] };
  }
  const root = parsed.value;
  let items: unknown[];
  let inherited: unknown;
  if (Array.isArray(root)) {
    items = root;
  } else if (isRecord(root) && 'webhooks' in root) {
    const refusal = versionIssue(root.schemaVersion, 'schemaVersion');
    if (refusal) return { webhooks: [], warnings: [], issues: [refusal] };
    if (!Array.isArray(root.webhooks)) {
      return { webhooks: [], warnings: [], issues: [{ field: 'webhooks', message: 'webhooks must be a list — write it in square brackets: "webhooks": [ { … } ].' }] };
    }
    items = root.webhooks;
    inherited = root.schemaVersion;
  } else if (isRecord(root)) {
    items = [root];
  } else {
    const message = 'The file must hold a webhook object, a list of webhooks, or { "schemaVersion": 1, "webhooks": [ … ] }.';
    return { webhooks: [], warnings: [], issues: [{ field: '(file)', message }] };
  }
  return checkItems(items, inherited, opts.existingNames ?? []);
}

function checkItems(items: unknown[], inherited: unknown, existingNames: string[]): DefinitionParseResult {
  const webhooks: WebhookInput[] = [];
  const issues: FieldIssue[] = [];
  const warnings: DefinitionWarning[] = [];
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const name = isRecord(item) && typeof item.name === 'string' && item.name !== '' ? item.name : undefined;
    const prefix = `webhooks[${index}]${name === undefined ? '' : ` (${name})`}`;
    const own: FieldIssue[] = [];
    let value: WebhookInput | undefined;
    if (!isRecord(item)) {
      own.push({ field: prefix, message: 'Each webhook must be an object — write it in braces, { "name": … }.' });
    } else {
      const refusal = versionIssue(item.schemaVersion ?? inherited, 'schemaVersion');
      if (refusal) own.push(refusal);
      else {
        const checked = checkWebhook(item, existingNames);
        own.push(...checked.issues);
        value = checked.value;
      }
    }
    if (name !== undefined) {
      const first = seen.get(name.toLowerCase());
      if (first !== undefined) {
        own.push({ field: 'name', message: `Name "${name}" is also used by webhooks[${first}] in this file (names ignore case) — rename one.` });
      } else {
        seen.set(name.toLowerCase(), index);
      }
    }
    if (value !== undefined && own.every((i) => i.severity === 'warning')) {
      webhooks.push(value);
      warnings.push(...own.map((i) => ({ webhook: value.name, field: i.field, message: i.message })));
    }
    issues.push(...own.map((i) => ({ ...i, field: i.field === prefix ? prefix : `${prefix}.${i.field}` })));
  });
  return { webhooks, issues, warnings };
}

function checkWebhook(item: JsonObject, existingNames: string[]): { value?: WebhookInput; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const known = WEBHOOK_KEYS as readonly string[];
  for (const key of Object.keys(item)) {
    if (known.includes(key)) continue;
    const hint = key === 'timeout' ? ' (did you mean "timeoutSeconds"?)' : '';
    issues.push({ field: key, severity: 'warning', message: `Unknown field "${key}" is ignored${hint} — check the spelling or remove it.` });
  }
  const withDefaults: JsonObject = { ...item };
  for (const [key, make] of Object.entries(DEFAULTS)) {
    if (withDefaults[key] === undefined) withDefaults[key] = make();
  }
  if (isRecord(withDefaults.auth) && withDefaults.auth.type === 'oauth2' && withDefaults.auth.scopes === undefined) {
    withDefaults.auth = { ...withDefaults.auth, scopes: [] };
  }
  const result = validateWebhookInput(withDefaults, { existingNames });
  issues.push(...result.issues);
  if (result.value) issues.push(...plainSecretWarnings(result.value));
  return result.value ? { value: result.value, issues } : { issues };
}

/**
 * The issue for a missing, malformed or too new schema version, or undefined when it can be read.
 *
 * A newer version is refused rather than read loosely: its fields may mean something this build
 * would silently get wrong.
 */
function versionIssue(version: unknown, field: string): FieldIssue | undefined {
  if (version === undefined) return { field, message: `schemaVersion is missing — add "schemaVersion": ${DEFINITION_SCHEMA_VERSION}.` };
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { field, message: `schemaVersion must be a whole number such as ${DEFINITION_SCHEMA_VERSION} — write it without quotes.` };
  }
  if (version > DEFINITION_SCHEMA_VERSION) {
    return {
      field,
      message: `schemaVersion ${version} is newer than this Hooksmith reads (up to ${DEFINITION_SCHEMA_VERSION}) — update Hooksmith to import this file.`,
    };
  }
  return undefined;
}

/**
 * Writes webhooks as a definition file: the wrapper form, fixed key order, two-space indent, trailing newline.
 *
 * The order is fixed (not the objects' own order) so that re-exporting unchanged webhooks gives an identical
 * file and git diffs show only real edits. Secrets are written only as `${env:NAME}` references.
 */
export function serializeDefinitionFile(webhooks: WebhookInput[]): string {
  const file = { schemaVersion: DEFINITION_SCHEMA_VERSION, webhooks: webhooks.map(toDefinition) };
  return `${JSON.stringify(file, null, 2)}\n`;
}

function toDefinition(w: WebhookInput): JsonObject {
  const out: JsonObject = {
    schemaVersion: DEFINITION_SCHEMA_VERSION,
    name: w.name,
    active: w.active,
    method: w.method,
    url: w.url,
    headers: w.headers.map((h) => (h.secret ? { key: h.key, value: exportSecret(h.value, w.name, h.key), secret: true } : { key: h.key, value: h.value })),
    auth: authDefinition(w.auth, w.name),
    bodyTemplate: w.bodyTemplate,
    triggers: [...w.triggers],
    filters: w.filters.map((f) => (f.path === undefined ? { field: f.field, values: [...f.values] } : { field: f.field, values: [...f.values], path: f.path })),
    timeoutSeconds: w.timeoutSeconds,
    responseValidators: w.responseValidators.map((v) => ({ jsonPath: v.jsonPath, expectedValues: [...v.expectedValues] })),
  };
  // Written only when set, so files of webhooks without network settings stay as they were.
  if (w.network) out.network = networkDefinition(w.network, w.name);
  if (w.contract !== undefined) out.contract = w.contract;
  return out;
}

function networkDefinition(n: WebhookNetwork, name: string): JsonObject {
  const out: JsonObject = {};
  if (n.insecureTls) out.insecureTls = true;
  if (n.extraCaPem !== undefined) out.extraCaPem = n.extraCaPem;
  if (n.clientCertPem !== undefined) out.clientCertPem = n.clientCertPem;
  if (n.clientKeyPem !== undefined) out.clientKeyPem = exportSecret(n.clientKeyPem, name, 'client key');
  if (n.proxyUrl !== undefined) out.proxyUrl = n.proxyUrl;
  return out;
}

function authDefinition(auth: WebhookAuth, name: string): JsonObject {
  if (auth.type === 'none') return { type: 'none' };
  if (auth.type === 'bearer') return { type: 'bearer', token: exportSecret(auth.token, name, 'token') };
  if (auth.type === 'basic') return { type: 'basic', username: auth.username, password: exportSecret(auth.password, name, 'password') };
  const out: JsonObject = {
    type: 'oauth2',
    clientId: auth.clientId,
    clientSecret: exportSecret(auth.clientSecret, name, 'client secret'),
    tokenUrl: auth.tokenUrl,
    scopes: [...auth.scopes],
  };
  if (auth.clientAuthMethod !== undefined) out.clientAuthMethod = auth.clientAuthMethod;
  return out;
}
