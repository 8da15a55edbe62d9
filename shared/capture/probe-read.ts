/**
 * Reading a probe capture back from its raw bytes (see `probe-template.ts`): markers, not JSON, so a value
 * that broke the JSON (a quote, a backslash, a newline) loses nothing.
 */
import type { FieldSchema } from '../payload/field-schema';
import { REQUEST_SCHEMA } from '../payload/request-schema';
import { PROBE_TAG } from './probe-template';

/** A string as the capture shows it, and its length before escaping when the probe could read it. */
export interface StringSeen {
  /** Dotted path with indices, e.g. `data.access_groups.0.integration.name`. */
  path: string;
  text: string;
  /** `value.length` as Handlebars rendered it: the length of the value before escaping. */
  length?: number;
}

/** What the markers of one probe body hold. */
export interface ProbeMarkers {
  values: Map<string, string>;
  lengths: Map<string, string>;
  /** `@keys` entries: every key an object had, with its value as text. */
  keys: Map<string, string>;
}


/** True when a body came from the probe template (its tag, or at least one marker, is in the bytes). */
export function isProbeBody(text: string): boolean {
  return text.includes(PROBE_TAG) || /⟦[#?]?[^⟦⟧/][^⟦⟧]*⟧[\s\S]*?⟦\//.test(text);
}

/**
 * Every marker of a body, by kind: `⟦head⟧value⟦/head⟧`, scanned with indexOf rather than a backtracking
 * regex (a 1 MiB probe holds tens of thousands). Later duplicates of a path keep the first value.
 */
export function readMarkers(text: string): ProbeMarkers {
  const out: ProbeMarkers = { values: new Map(), lengths: new Map(), keys: new Map() };
  let at = text.indexOf('⟦');
  while (at >= 0) {
    const end = text.indexOf('⟧', at + 1);
    if (end < 0) break;
    const head = text.slice(at + 1, end);
    const close = head && !head.startsWith('/') && !head.includes('⟦') ? text.indexOf(`⟦/${head}⟧`, end + 1) : -1;
    if (close < 0) {
      at = text.indexOf('⟦', at + 1);
      continue;
    }
    const kind = head[0] === '#' || head[0] === '?' ? head[0] : '';
    const path = kind ? head.slice(1) : head;
    const map = kind === '#' ? out.lengths : kind === '?' ? out.keys : out.values;
    if (path && !map.has(path)) map.set(path, text.slice(end + 1, close));
    at = text.indexOf('⟦', close + head.length + 3);
  }
  return out;
}

const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** A value from its text alone (unknown keys have no length slot): numbers, booleans and objects as such. */
function fromText(text: string): unknown {
  if (NUMBER.test(text)) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === '[object Object]') return {};
  return text;
}

const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

/** Lookups over one body's markers, built once (a 1 MiB probe holds tens of thousands of markers). */
interface MarkerIndex {
  /** Direct child keys of a path among the `@keys` entries, in body order (keys holding a dot count as nested). */
  keysUnder(path: string): string[];
  /** Whether anything under `path` was there: a key entry, or a non-empty value or length (absent fields render empty). */
  hasAnyUnder(path: string): boolean;
}

function indexMarkers(markers: ProbeMarkers): MarkerIndex {
  const children = new Map<string, string[]>();
  for (const k of markers.keys.keys()) {
    const dot = k.lastIndexOf('.');
    const parent = dot < 0 ? '' : k.slice(0, dot);
    const list = children.get(parent) ?? [];
    list.push(dot < 0 ? k : k.slice(dot + 1));
    children.set(parent, list);
  }
  const filled = new Set<string>();
  const mark = (path: string) => {
    for (let dot = path.lastIndexOf('.'); dot > 0; dot = path.lastIndexOf('.', dot - 1)) {
      const prefix = path.slice(0, dot);
      if (filled.has(prefix)) break;
      filled.add(prefix);
    }
  };
  for (const k of markers.keys.keys()) mark(k);
  for (const m of [markers.values, markers.lengths]) for (const [k, v] of m) if (v !== '') mark(k);
  return { keysUnder: (path) => children.get(path) ?? [], hasAnyUnder: (path) => filled.has(path) };
}

/** The event a probe body shows, and every string in it as seen (for the escaping verdict). */
export interface ProbeReading {
  event: Record<string, unknown>;
  strings: StringSeen[];
}

/**
 * Rebuilds the event from a probe body's markers. A field with neither a value nor a key entry is absent;
 * one with a length is a string (`.length` renders only for strings and arrays), one without is typed by its
 * text (a number, `true`/`false`, `[object Object]`). Strings are kept as sent (escaped, if Apono escapes).
 */
export function readProbe(text: string): ProbeReading {
  const markers = readMarkers(text);
  const { keysUnder, hasAnyUnder } = indexMarkers(markers);
  const strings: StringSeen[] = [];

  const scalar = (path: string): { present: boolean; value?: unknown } => {
    const value = markers.values.get(path) ?? markers.keys.get(path);
    if (value === undefined) return { present: false };
    const len = markers.lengths.get(path);
    if (len !== undefined && /^\d+$/.test(len)) {
      strings.push({ path, text: value, length: Number(len) });
      return { present: true, value };
    }
    // Handlebars renders null and undefined alike: a key entry with no text is a null.
    if (value === '') return markers.keys.has(path) ? { present: true, value: null } : { present: false };
    const typed = fromText(value);
    if (typeof typed === 'string') strings.push({ path, text: value });
    return { present: true, value: typed };
  };

  const objectAt = (children: readonly FieldSchema[] | undefined, path: string): Record<string, unknown> => {
    const obj: Record<string, unknown> = {};
    const known = new Set((children ?? []).map((c) => c.name));
    for (const child of children ?? []) {
      const p = join(path, child.name);
      if (child.type === 'array') {
        const len = markers.lengths.get(p);
        let count = len && /^\d+$/.test(len) ? Number(len) : 0;
        while (hasAnyUnder(join(p, count))) count++;
        if (count === 0 && !(len && /^\d+$/.test(len)) && !markers.keys.has(p)) continue;
        obj[child.name] = Array.from({ length: count }, (_, i) => objectAt(child.element?.children, join(p, i)));
      } else if (child.type === 'object') {
        if (!markers.keys.has(p) && !hasAnyUnder(p)) continue;
        obj[child.name] = objectAt(child.children, p);
      } else {
        const s = scalar(p);
        if (s.present) obj[child.name] = s.value;
      }
    }
    // Keys the schema does not know (or an opaque object's keys): typed by their text.
    const order = keysUnder(path);
    for (const key of order) {
      if (known.has(key)) continue;
      const s = scalar(join(path, key));
      if (s.present) obj[key] = s.value;
    }
    // The keys in the order the event had them (a template's #each over an object follows it).
    const ordered: Record<string, unknown> = {};
    for (const key of [...order, ...Object.keys(obj)]) if (key in obj && !(key in ordered)) ordered[key] = obj[key];
    return ordered;
  };

  return { event: objectAt(REQUEST_SCHEMA.root.children, ''), strings };
}
