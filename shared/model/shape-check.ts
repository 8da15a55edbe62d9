/**
 * Small readers that check the JSON shape of untrusted input and say what to write instead.
 *
 * Hand-written rather than zod: the messages name the field in the user's words and the fix ("write it in
 * quotes", "use null for the default"), and every field is checked even when a sibling is wrong, so one pass
 * lists every problem.
 */
import type { FieldIssue } from '../api/result';

/** A plain JSON object (not an array, not null). */
export type JsonObject = Record<string, unknown>;

/**
 * Whether a value is a plain JSON object.
 *
 * Arrays are objects to `typeof`, so they are excluded here once instead of at every call site.
 */
export function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Joins a dotted field path.
 *
 * Paths follow {@link FieldIssue.field}: `headers.2.key`; the root has the empty path.
 */
export function fieldPath(base: string, key: string | number): string {
  return base === '' ? String(key) : `${base}.${key}`;
}

/**
 * Names a value's JSON type for a message ("a number", "null").
 *
 * Users read these messages next to their JSON, so the words are JSON's, not JavaScript's.
 */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/**
 * Reads a text field; records an issue and returns undefined when it is missing or not text.
 *
 * Emptiness is a rule, not a shape problem, so an empty string passes here.
 */
export function readString(obj: JsonObject, key: string, path: string, label: string, issues: FieldIssue[]): string | undefined {
  const value = obj[key];
  if (typeof value === 'string') return value;
  const expected = value === undefined ? `text, e.g. "${key}": "…"` : 'text';
  issues.push(typeIssue(value, fieldPath(path, key), label, expected, 'write it in double quotes'));
  return undefined;
}

/** Reads a true/false field; records an issue otherwise. */
export function readBoolean(obj: JsonObject, key: string, path: string, label: string, issues: FieldIssue[]): boolean | undefined {
  const value = obj[key];
  if (typeof value === 'boolean') return value;
  issues.push(typeIssue(value, fieldPath(path, key), label, 'true or false', 'write true or false without quotes'));
  return undefined;
}

/**
 * Reads one of a fixed set of text values.
 *
 * The message lists the allowed values, because the fix is always "pick one of these".
 */
export function readEnum<T extends string>(
  obj: JsonObject,
  key: string,
  allowed: readonly T[],
  path: string,
  label: string,
  issues: FieldIssue[],
): T | undefined {
  const value = obj[key];
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  const field = fieldPath(path, key);
  const choices = allowed.join(', ');
  if (value === undefined) {
    issues.push({ field, message: `${label} is missing — add "${key}" with one of: ${choices}.` });
  } else {
    const shown = typeof value === 'string' ? `"${value}"` : describeType(value);
    issues.push({ field, message: `${label} ${shown} is not allowed — use one of: ${choices}.` });
  }
  return undefined;
}

/**
 * Reads a list whose items are checked by `item`; returns undefined if the list or any item is malformed.
 *
 * Every item is checked so that all broken rows are reported at once.
 */
export function readArray<T>(
  obj: JsonObject,
  key: string,
  path: string,
  label: string,
  issues: FieldIssue[],
  item: (value: unknown, itemPath: string) => T | undefined,
): T[] | undefined {
  const value = obj[key];
  const field = fieldPath(path, key);
  if (!Array.isArray(value)) {
    issues.push(typeIssue(value, field, label, 'a list', 'write it in square brackets, e.g. []'));
    return undefined;
  }
  const out: T[] = [];
  let broken = false;
  value.forEach((entry, i) => {
    const read = item(entry, fieldPath(field, i));
    if (read === undefined) broken = true;
    else out.push(read);
  });
  return broken ? undefined : out;
}

/** Item reader for lists of text, for use with {@link readArray}. */
export function stringItem(label: string, issues: FieldIssue[]): (value: unknown, itemPath: string) => string | undefined {
  return (value, itemPath) => {
    if (typeof value === 'string') return value;
    issues.push(typeIssue(value, itemPath, label, 'text', 'write it in double quotes'));
    return undefined;
  };
}

/**
 * Item reader for lists of objects, for use with {@link readArray}.
 *
 * Keeps the "is it an object" message in one place so each row type only reads its own fields.
 */
export function objectItem<T>(
  label: string,
  issues: FieldIssue[],
  read: (obj: JsonObject, itemPath: string) => T | undefined,
): (value: unknown, itemPath: string) => T | undefined {
  return (value, itemPath) => {
    if (isRecord(value)) return read(value, itemPath);
    issues.push(typeIssue(value, itemPath, label, 'an object', 'write it in braces, e.g. { … }'));
    return undefined;
  };
}

/**
 * Builds the issue for a missing or wrongly typed value.
 *
 * Missing and wrong-type need different fixes ("add it" vs "change it"), so they get different wording.
 */
export function typeIssue(value: unknown, field: string, label: string, expected: string, fix: string): FieldIssue {
  if (value === undefined) return { field, message: `${label} is missing — add it as ${expected}.` };
  return { field, message: `${label} must be ${expected}, not ${describeType(value)} — ${fix}.` };
}
