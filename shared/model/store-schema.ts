/**
 * The lowdb root document: its current version, settings, and the check run on every load.
 *
 * The file on disk outlives any one build of Hooksmith, so it carries `schemaVersion`, older versions are
 * brought forward by numbered migrations (./migrations/), and whatever comes out is validated before use.
 */
import type { FieldIssue } from '../api/result';
import type { Webhook } from './webhook';
import { checkWebhookShape, completeInput } from './webhook-shape';
import { fieldPath, isRecord, readEnum, readString } from './shape-check';
import { readGlobalNetwork, type GlobalNetwork } from './network';
import { checkMaxResponseBytes, DEFAULT_MAX_RESPONSE_BYTES } from './response-limit';

/** The root document version this build reads and writes. Bump it together with a new migration. */
export const CURRENT_SCHEMA_VERSION = 5;

/** Spellings of `event_type` in mock payloads; Apono's docs disagree (spec §2.3, §10 #1). */
export const EVENT_TYPE_STYLES = ['AccessRequestCreated', 'RequestCreated'] as const;

/** Handlebars escaping for rendered templates; Apono's behaviour is unknown (spec §8, §10 #9). */
export const ESCAPE_MODES = ['html', 'none'] as const;

/** App-wide preferences kept in the data file. */
export interface Settings {
  eventTypeStyle: (typeof EVENT_TYPE_STYLES)[number];
  escapeMode: (typeof ESCAPE_MODES)[number];
  /** Extra CAs and a proxy for every webhook, under each webhook's own network settings. */
  network: GlobalNetwork;
  /** Response bodies above this many bytes are cut (flagged, full size noted); see response-limit.ts. */
  maxResponseBytes: number;
}

/**
 * Settings for a new data file.
 *
 * `AccessRequestCreated` is the spelling in Apono's documented example payload, and `html` is stock
 * Handlebars behaviour, so a fresh install matches what the docs show.
 */
export function defaultSettings(): Settings {
  return { eventTypeStyle: 'AccessRequestCreated', escapeMode: 'html', network: {}, maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES };
}

/**
 * A sample event the user saved in the template editor (edited from a built-in sample or pasted).
 *
 * `event` is any JSON object: users paste payloads that do not follow the documented schema, and the
 * preview must render them as they are.
 */
export interface SavedSample {
  id: string;
  name: string;
  event: Record<string, unknown>;
  createdAt: string;
}

/** The whole lowdb document at {@link CURRENT_SCHEMA_VERSION}. */
export interface StoreDocument {
  schemaVersion: number;
  webhooks: Webhook[];
  settings: Settings;
  samples: SavedSample[];
}

/** The document a first start writes. */
export function emptyStoreDocument(): StoreDocument {
  return { schemaVersion: CURRENT_SCHEMA_VERSION, webhooks: [], settings: defaultSettings(), samples: [] };
}

/** A loaded document, or why it cannot be used (with every problem by field). */
export type StoreValidation = { ok: true; doc: StoreDocument } | { ok: false; reason: string; issues: FieldIssue[] };

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
/** How many problems the reason lists before summarising; a broken file can have thousands. */
const REASON_LIMIT = 5;

/**
 * Checks a document that claims the current version.
 *
 * Only the shape of each webhook is checked, not Apono's rules: a rule added in a later release must not
 * make existing data unloadable. The returned document is rebuilt from the checked fields, so unknown keys
 * are dropped; the loader keeps a backup of the original file before saving over it (style R7).
 */
export function validateStoreDocument(doc: unknown): StoreValidation {
  if (!isRecord(doc)) return invalid([{ field: '(document)', message: 'The data file must hold a JSON object.' }]);
  if (doc.schemaVersion !== CURRENT_SCHEMA_VERSION) {
    const message = `schemaVersion must be ${CURRENT_SCHEMA_VERSION}, found ${JSON.stringify(doc.schemaVersion)} — migrate the document before validating it.`;
    return invalid([{ field: 'schemaVersion', message }]);
  }
  const issues: FieldIssue[] = [];
  const webhooks: Webhook[] = [];
  if (!Array.isArray(doc.webhooks)) issues.push({ field: 'webhooks', message: 'webhooks must be a list.' });
  else doc.webhooks.forEach((w, i) => {
    const webhook = checkStoredWebhook(w, fieldPath('webhooks', i), issues);
    if (webhook) webhooks.push(webhook);
  });
  const ids = new Map<string, number>();
  webhooks.forEach((w, i) => {
    const first = ids.get(w.id);
    if (first !== undefined) issues.push({ field: `webhooks.${i}.id`, message: `id "${w.id}" is also used by webhooks.${first}; ids must be unique.` });
    else ids.set(w.id, i);
  });
  const settings = checkSettings(doc.settings, issues);
  const samples = checkSamples(doc.samples, issues);
  if (issues.length > 0 || settings === undefined) return invalid(issues);
  return { ok: true, doc: { schemaVersion: CURRENT_SCHEMA_VERSION, webhooks, settings, samples } };
}

function checkStoredWebhook(value: unknown, path: string, issues: FieldIssue[]): Webhook | undefined {
  const shape = checkWebhookShape(value, path);
  issues.push(...shape.issues);
  if (!isRecord(value)) return undefined;
  const before = issues.length;
  const id = readString(value, 'id', path, 'id', issues);
  if (id === '') issues.push({ field: fieldPath(path, 'id'), message: 'id must not be empty.' });
  const createdAt = readTimestamp(value, 'createdAt', path, issues);
  const updatedAt = readTimestamp(value, 'updatedAt', path, issues);
  const input = completeInput(shape.fields);
  if (issues.length > before || shape.issues.length > 0 || !input || !id || !createdAt || !updatedAt) return undefined;
  return { id, createdAt, updatedAt, ...input };
}

function readTimestamp(obj: Record<string, unknown>, key: string, path: string, issues: FieldIssue[]): string | undefined {
  const value = readString(obj, key, path, key, issues);
  if (value === undefined) return undefined;
  if (ISO_TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value))) return value;
  issues.push({ field: fieldPath(path, key), message: `${key} must be an ISO 8601 timestamp such as 2026-01-31T12:00:00.000Z, found "${value}".` });
  return undefined;
}

function checkSettings(value: unknown, issues: FieldIssue[]): Settings | undefined {
  if (!isRecord(value)) {
    issues.push({ field: 'settings', message: 'settings must be an object.' });
    return undefined;
  }
  const eventTypeStyle = readEnum(value, 'eventTypeStyle', EVENT_TYPE_STYLES, 'settings', 'Event type style', issues);
  const escapeMode = readEnum(value, 'escapeMode', ESCAPE_MODES, 'settings', 'Escape mode', issues);
  const network = readGlobalNetwork(value.network, 'settings.network', issues);
  const limitIssues = checkMaxResponseBytes(value.maxResponseBytes, 'settings.maxResponseBytes');
  issues.push(...limitIssues);
  const maxResponseBytes = limitIssues.length ? undefined : (value.maxResponseBytes as number);
  return eventTypeStyle && escapeMode && network && maxResponseBytes !== undefined ? { eventTypeStyle, escapeMode, network, maxResponseBytes } : undefined;
}

function checkSamples(value: unknown, issues: FieldIssue[]): SavedSample[] {
  if (!Array.isArray(value)) {
    issues.push({ field: 'samples', message: 'samples must be a list.' });
    return [];
  }
  const out: SavedSample[] = [];
  value.forEach((s, i) => {
    const path = fieldPath('samples', i);
    if (!isRecord(s)) {
      issues.push({ field: path, message: 'Each saved sample must be an object with id, name, event and createdAt.' });
      return;
    }
    const before = issues.length;
    const id = readString(s, 'id', path, 'id', issues);
    const name = readString(s, 'name', path, 'name', issues);
    const createdAt = readTimestamp(s, 'createdAt', path, issues);
    if (!isRecord(s.event)) issues.push({ field: fieldPath(path, 'event'), message: 'event must be a JSON object (the sample payload).' });
    if (issues.length === before && id && name !== undefined && createdAt && isRecord(s.event)) out.push({ id, name, event: s.event, createdAt });
  });
  return out;
}

function invalid(issues: FieldIssue[]): StoreValidation {
  const shown = issues.slice(0, REASON_LIMIT).map((i) => `${i.field}: ${i.message}`);
  const more = issues.length > REASON_LIMIT ? ` (and ${issues.length - REASON_LIMIT} more)` : '';
  return { ok: false, reason: `The data file is not valid: ${shown.join('; ')}${more}`, issues };
}
