/**
 * Findings from a capture: which `event_type` spelling and which escaping Apono used, which fields the event
 * had against the documented schema, and their types. Works on probe captures (read from markers, so a body
 * whose JSON a quote broke still yields findings) and on ordinary JSON bodies that hold the event.
 */
import type { FieldSchema } from '../payload/field-schema';
import { REQUEST_SCHEMA } from '../payload/request-schema';
import { triggerOfEvent } from '../payload/user-samples';
import type { Settings } from '../model/store-schema';
import { checkJson } from '../template/json-check';
import { judgeEscaping, judgeRawText, unescapeHandlebars } from './escaping';
import { isProbeBody, readProbe, type StringSeen } from './probe-read';

/** A JSON type as findings name it. */
export type ValueType = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'null';

/** What a capture tells about the user's Apono. Key names are the settings' own (`eventTypeSpelling`, `escapeMode`). */
export interface CaptureFindings {
  /** `probe`: read from the probe's markers; `json`: a JSON body holding the event; `text`: neither. */
  source: 'probe' | 'json' | 'text';
  /** Whether the body parses as JSON (a probe need not). */
  jsonValid: boolean;
  /** The `event_type` value seen, unescaped; null when none was. */
  eventType: string | null;
  /** The settings' name for the spelling seen (`AccessRequestCreated` or `RequestCreated`). */
  eventTypeSpelling: Settings['eventTypeStyle'] | 'undetermined';
  /** `html` (stock `{{ }}`), `none` (`noEscape`), or `undetermined` when no value held a character escaping changes. */
  escapeMode: Settings['escapeMode'] | 'undetermined';
  /** The values the escaping verdict rests on, as sentences. */
  escapeEvidence: string[];
  /** Schema paths (`data.access_groups[].integration.name`) present, missing, and not in the schema. */
  fields: { present: string[]; missing: string[]; unknown: string[] };
  /** The JSON type of each present field, by schema path. */
  valueTypes: Record<string, ValueType>;
  /** The event as Apono had it (escaping undone), ready to save as a sample; null when the body held none. */
  event: Record<string, unknown> | null;
  notes: string[];
}

/** `"event_type": "…"` in a body that is not JSON. */
const EVENT_TYPE_FIELD = /"event_type"\s*:\s*"([^"\\]*)"/;
const TRIGGER_WORD = /\b(?:Access)?Request(?:Created|Approved|Rejected|Granted|Expired|Failed)\b/;

/** The settings' spelling name for an `event_type` value, or `undetermined` (e.g. `Manual`, a legacy `Created`). */
export function spellingOf(eventType: string): CaptureFindings['eventTypeSpelling'] {
  const trigger = triggerOfEvent({ event_type: eventType });
  if (!trigger || trigger === 'Manual') return 'undetermined';
  return /^access/i.test(eventType.trim()) ? 'AccessRequestCreated' : 'RequestCreated';
}

function typeOf(v: unknown): ValueType {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'object' ? 'object' : (typeof v as ValueType);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Present, missing and unknown fields and the types of present ones, walking schema and event together. */
export function compareWithSchema(event: Record<string, unknown>): Pick<CaptureFindings, 'fields' | 'valueTypes'> {
  const present = new Set<string>();
  const missing = new Set<string>();
  const unknown = new Set<string>();
  const valueTypes: Record<string, ValueType> = {};
  const walk = (children: readonly FieldSchema[] | undefined, value: Record<string, unknown>, path: string): void => {
    if (!children) return; // opaque (custom_fields): any keys are fine
    const known = new Set(children.map((c) => c.name));
    for (const child of children) {
      const p = path ? `${path}.${child.name}` : child.name;
      if (!(child.name in value)) {
        missing.add(p);
        continue;
      }
      const v = value[child.name];
      present.add(p);
      valueTypes[p] ??= typeOf(v);
      if (child.type === 'array' && Array.isArray(v)) for (const el of v) if (isRecord(el)) walk(child.element?.children, el, `${p}[]`);
      if (child.type === 'object' && isRecord(v)) walk(child.children, v, p);
    }
    for (const [key, v] of Object.entries(value)) {
      if (known.has(key)) continue;
      const p = path ? `${path}.${key}` : key;
      unknown.add(p);
      valueTypes[p] ??= typeOf(v);
    }
  };
  walk(REQUEST_SCHEMA.root.children, event, '');
  // A field is missing only if no element had it.
  for (const p of present) missing.delete(p);
  return { fields: { present: [...present], missing: [...missing], unknown: [...unknown] }, valueTypes };
}

/**
 * Deeper than any Apono event (the schema nests five levels): such a body is read as text, since walking it
 * by recursion, or printing it as JSON, would overflow the stack.
 */
export const MAX_EVENT_DEPTH = 64;

/** Whether a parsed JSON value nests deeper than `max` levels, found without recursion. */
function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/** Every string in a JSON value, by path, for the escaping verdict. */
function stringsIn(value: unknown, path = ''): StringSeen[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringsIn(v, `${path}.${i}`));
  if (isRecord(value)) return Object.entries(value).flatMap(([k, v]) => stringsIn(v, path ? `${path}.${k}` : k));
  return [];
}

function unescapeDeep(value: unknown): unknown {
  if (typeof value === 'string') return unescapeHandlebars(value);
  if (Array.isArray(value)) return value.map(unescapeDeep);
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [unescapeHandlebars(k), unescapeDeep(v)]));
  return value;
}

/** The findings of one captured body (UTF-8 text). */
export function captureFindings(body: string): CaptureFindings {
  const json = checkJson(body);
  const notes: string[] = [];
  const tooDeep = json.valid && nestsDeeperThan(json.value, MAX_EVENT_DEPTH);
  let source: CaptureFindings['source'];
  let seen: Record<string, unknown> | null = null;
  let strings: StringSeen[] = [];
  if (isProbeBody(body)) {
    source = 'probe';
    ({ event: seen, strings } = readProbe(body));
    if (!json.valid) notes.push(`The body is not valid JSON (line ${json.line}, column ${json.column}: ${json.message}); the probe's markers were read from the raw bytes instead.`);
  } else if (!tooDeep && json.valid && isRecord(json.value) && ('event_type' in json.value || 'data' in json.value)) {
    source = 'json';
    seen = json.value;
    strings = stringsIn(json.value);
  } else {
    source = 'text';
    if (json.valid && !tooDeep) strings = stringsIn(json.value);
    notes.push(
      tooDeep
        ? `The body is JSON nested deeper than ${MAX_EVENT_DEPTH} levels, which no Apono event is, so it was read as text.`
        : json.valid
          ? 'The body does not hold an Apono event at its top level (no event_type or data), so fields and types cannot be read from it: send the probe template (hooksmith capture probe-template) to learn them.'
          : `The body is not JSON (line ${json.line}, column ${json.column}: ${json.message}) and is not a probe: send the probe template to read it whatever Apono does to quotes.`,
    );
  }
  const verdict = source === 'text' && !json.valid ? judgeRawText(body, json) : judgeEscaping(strings, source === 'text');
  const event = seen && (verdict.escapeMode === 'html' ? (unescapeDeep(seen) as Record<string, unknown>) : seen);
  let eventType = event && typeof event.event_type === 'string' ? event.event_type : null;
  const field = eventType === null ? EVENT_TYPE_FIELD.exec(body) : null;
  if (field) eventType = verdict.escapeMode === 'html' ? unescapeHandlebars(field[1]!) : field[1]!;
  if (eventType === null) {
    const word = TRIGGER_WORD.exec(verdict.escapeMode === 'html' ? unescapeHandlebars(body) : body);
    if (word) {
      eventType = word[0];
      notes.push(`event_type was read from the text "${word[0]}" in the body, not from an event_type field.`);
    }
  }
  const eventTypeSpelling = eventType === null ? 'undetermined' : spellingOf(eventType);
  if (eventType !== null && eventTypeSpelling === 'undetermined') notes.push(`event_type "${eventType}" is neither spelling the settings know (AccessRequestCreated, RequestCreated).`);
  const compared = event ? compareWithSchema(event) : { fields: { present: [], missing: [], unknown: [] }, valueTypes: {} };
  return { source, jsonValid: json.valid, eventType, eventTypeSpelling, escapeMode: verdict.escapeMode, escapeEvidence: verdict.evidence, ...compared, event, notes };
}

/** The settings change the findings settle: only what was determined. */
export function settingsPatchOf(f: Pick<CaptureFindings, 'eventTypeSpelling' | 'escapeMode'>): Partial<Pick<Settings, 'eventTypeStyle' | 'escapeMode'>> {
  const patch: Partial<Pick<Settings, 'eventTypeStyle' | 'escapeMode'>> = {};
  if (f.eventTypeSpelling !== 'undetermined') patch.eventTypeStyle = f.eventTypeSpelling;
  if (f.escapeMode !== 'undetermined') patch.escapeMode = f.escapeMode;
  return patch;
}
