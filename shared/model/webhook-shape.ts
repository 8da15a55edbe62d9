/**
 * The structural check of a webhook: every field present, of the right JSON type, and enum values known.
 *
 * Kept apart from Apono's content rules (webhook-rules.ts) because loading the store needs only this: a
 * stored webhook must be well typed, but a rule added in a later release must not make old data unloadable.
 */
import type { FieldIssue } from '../api/result';
import {
  AUTH_TYPES,
  FILTER_FIELDS,
  HTTP_METHODS,
  TRIGGERS,
  type ResponseValidator,
  type WebhookAuth,
  type WebhookFilter,
  type WebhookHeader,
  type WebhookInput,
} from './webhook';
import {
  describeType,
  fieldPath,
  isRecord,
  objectItem,
  readArray,
  readBoolean,
  readEnum,
  readString,
  stringItem,
  type JsonObject,
} from './shape-check';
import { readWebhookNetwork } from './network';

/**
 * The fields of a webhook that passed the shape check, and the issues for those that did not.
 *
 * Partial so that content rules can still run on the good fields and one pass reports everything.
 */
export interface ShapeResult {
  fields: Partial<WebhookInput>;
  issues: FieldIssue[];
}

/**
 * Checks the shape of a webhook input. `base` prefixes every field path (empty for the root).
 *
 * Unknown keys are ignored here; the definition-file reader warns about them, where typos are likely.
 */
export function checkWebhookShape(input: unknown, base = ''): ShapeResult {
  const issues: FieldIssue[] = [];
  if (!isRecord(input)) {
    const field = base === '' ? '(webhook)' : base;
    issues.push({ field, message: `A webhook must be an object, not ${describeType(input)} — write it in braces, { "name": … }.` });
    return { fields: {}, issues };
  }
  const fields: Partial<WebhookInput> = {};
  const set = <K extends keyof WebhookInput>(key: K, value: WebhookInput[K] | undefined): void => {
    if (value !== undefined) fields[key] = value;
  };
  set('name', readString(input, 'name', base, 'Name', issues));
  set('active', readBoolean(input, 'active', base, 'Active', issues));
  set('method', readEnum(input, 'method', HTTP_METHODS, base, 'Method', issues));
  set('url', readString(input, 'url', base, 'URL', issues));
  set('headers', readArray(input, 'headers', base, 'Headers', issues, objectItem('Header', issues, (o, p) => readHeader(o, p, issues))));
  set('auth', readAuth(input.auth, fieldPath(base, 'auth'), issues));
  set('bodyTemplate', readString(input, 'bodyTemplate', base, 'Body template', issues));
  set('triggers', readArray(input, 'triggers', base, 'Triggers', issues, triggerItem(issues)));
  set('filters', readArray(input, 'filters', base, 'Filters', issues, objectItem('Filter', issues, (o, p) => readFilter(o, p, issues))));
  set('timeoutSeconds', readTimeout(input, base, issues));
  set(
    'responseValidators',
    readArray(input, 'responseValidators', base, 'Response validators', issues, objectItem('Response validator', issues, (o, p) => readValidator(o, p, issues))),
  );
  const network = readWebhookNetwork(input, base, issues);
  if (network.value) fields.network = network.value;
  // Optional: which contract names a target is checked by the webhook rules, which know the list.
  if (input.contract !== undefined) set('contract', readString(input, 'contract', base, 'Target contract', issues));
  return { fields, issues };
}

/**
 * Narrows a shape result to a complete webhook input when nothing was missing.
 *
 * Issues alone are not enough to decide: a caller may have filtered them.
 */
export function completeInput(fields: Partial<WebhookInput>): WebhookInput | undefined {
  const { name, active, method, url, headers, auth, bodyTemplate, triggers, filters, timeoutSeconds, responseValidators } = fields;
  if (name === undefined || active === undefined || method === undefined || url === undefined || headers === undefined) return undefined;
  if (auth === undefined || bodyTemplate === undefined || triggers === undefined || filters === undefined) return undefined;
  if (timeoutSeconds === undefined || responseValidators === undefined) return undefined;
  const input: WebhookInput = { name, active, method, url, headers, auth, bodyTemplate, triggers, filters, timeoutSeconds, responseValidators };
  // Optional, and left out when empty, so webhooks without network settings read as they always did.
  if (fields.network) input.network = fields.network;
  if (fields.contract !== undefined) input.contract = fields.contract;
  return input;
}

function readHeader(obj: JsonObject, path: string, issues: FieldIssue[]): WebhookHeader | undefined {
  const key = readString(obj, 'key', path, 'Header name', issues);
  const value = readString(obj, 'value', path, 'Header value', issues);
  let secret: boolean | undefined;
  if (obj.secret !== undefined) secret = readBoolean(obj, 'secret', path, 'Header "secret" flag', issues);
  if (key === undefined || value === undefined || (obj.secret !== undefined && secret === undefined)) return undefined;
  // `secret` is kept only when true so that stored and exported headers read the same as hand-written ones.
  return secret ? { key, value, secret: true } : { key, value };
}

function readAuth(value: unknown, path: string, issues: FieldIssue[]): WebhookAuth | undefined {
  if (!isRecord(value)) {
    const message =
      value === undefined
        ? 'Authentication is missing — add "auth": { "type": "none" } (or bearer / basic / oauth2).'
        : `Authentication must be an object, not ${describeType(value)} — e.g. { "type": "none" }.`;
    issues.push({ field: path, message });
    return undefined;
  }
  const type = readEnum(value, 'type', AUTH_TYPES, path, 'Authentication type', issues);
  if (type === 'none') return { type };
  if (type === 'bearer') {
    const token = readString(value, 'token', path, 'Bearer token', issues);
    return token === undefined ? undefined : { type, token };
  }
  if (type === 'basic') {
    const username = readString(value, 'username', path, 'Basic auth user name', issues);
    const password = readString(value, 'password', path, 'Basic auth password', issues);
    return username === undefined || password === undefined ? undefined : { type, username, password };
  }
  if (type !== 'oauth2') return undefined;
  const clientId = readString(value, 'clientId', path, 'OAuth client ID', issues);
  const clientSecret = readString(value, 'clientSecret', path, 'OAuth client secret', issues);
  const tokenUrl = readString(value, 'tokenUrl', path, 'OAuth token URL', issues);
  const scopes = readArray(value, 'scopes', path, 'OAuth scopes', issues, stringItem('OAuth scope', issues));
  let clientAuthMethod: 'basic' | 'post' | undefined;
  if (value.clientAuthMethod !== undefined) {
    clientAuthMethod = readEnum(value, 'clientAuthMethod', ['basic', 'post'] as const, path, 'OAuth client authentication method', issues);
    if (clientAuthMethod === undefined) return undefined;
  }
  if (clientId === undefined || clientSecret === undefined || tokenUrl === undefined || scopes === undefined) return undefined;
  const auth: WebhookAuth = { type, clientId, clientSecret, tokenUrl, scopes };
  return clientAuthMethod === undefined ? auth : { ...auth, clientAuthMethod };
}

function triggerItem(issues: FieldIssue[]): (value: unknown, itemPath: string) => WebhookInput['triggers'][number] | undefined {
  return (value, itemPath) => {
    if (typeof value === 'string' && (TRIGGERS as readonly string[]).includes(value)) return value as WebhookInput['triggers'][number];
    // Apono's legacy docs call the triggers Created, Approved, …; point those users at the current names.
    const legacy = typeof value === 'string' && (TRIGGERS as readonly string[]).includes(`Request${value}`) ? ` (did you mean "Request${value}"?)` : '';
    const shown = typeof value === 'string' ? `"${value}"` : describeType(value);
    issues.push({ field: itemPath, message: `Trigger ${shown} is not a known trigger${legacy} — use one of: ${TRIGGERS.join(', ')}.` });
    return undefined;
  };
}

function readFilter(obj: JsonObject, path: string, issues: FieldIssue[]): WebhookFilter | undefined {
  const field = readEnum(obj, 'field', FILTER_FIELDS, path, 'Filter field', issues);
  const values = readArray(obj, 'values', path, 'Filter values', issues, stringItem('Filter value', issues));
  let filterPath: string | undefined;
  if (obj.path !== undefined) {
    filterPath = readString(obj, 'path', path, 'Filter path', issues);
    if (filterPath === undefined) return undefined;
  }
  if (field === undefined || values === undefined) return undefined;
  return filterPath === undefined ? { field, values } : { field, values, path: filterPath };
}

function readTimeout(obj: JsonObject, base: string, issues: FieldIssue[]): number | null | undefined {
  const value = obj.timeoutSeconds;
  if (value === null || (typeof value === 'number' && Number.isFinite(value))) return value;
  const field = fieldPath(base, 'timeoutSeconds');
  const message =
    value === undefined
      ? 'Timeout is missing — add "timeoutSeconds": null for the default, or a number of seconds.'
      : `Timeout must be a number of seconds or null, not ${describeType(value)} — write e.g. 30 without quotes, or null for the default.`;
  issues.push({ field, message });
  return undefined;
}

function readValidator(obj: JsonObject, path: string, issues: FieldIssue[]): ResponseValidator | undefined {
  const jsonPath = readString(obj, 'jsonPath', path, 'Validator JSON path', issues);
  const expectedValues = readArray(obj, 'expectedValues', path, 'Validator expected values', issues, stringItem('Expected value', issues));
  if (jsonPath === undefined || expectedValues === undefined) return undefined;
  return { jsonPath, expectedValues };
}
