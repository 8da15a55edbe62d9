/**
 * How an invocation record is written to a segment line and read back.
 *
 * A record repeats itself: `request` and `response` are the last webhook step's request and response, and
 * `renderedBody` is usually that request's body. Written naively, a 100 MB response becomes a 200 MB line
 * (and a 300 MB one with the rendered body). So each repeat is written once, and `$stored` says where the
 * other copy lives; reading puts the record back together, equal to what was appended. Lines written before
 * this (no `$stored`) read as they are.
 */
import type { InvocationRecord, InvocationStep, RequestSnapshot, ResponseSnapshot } from '../../../shared/delivery/invocation';

/** Which fields of a stored line are references: the step whose request/response they equal, and the body. */
interface StoredRefs {
  request?: number;
  response?: number;
  renderedBody?: 'request.body';
}

type StoredLine = Omit<InvocationRecord, 'request' | 'response' | 'renderedBody'> & {
  request?: RequestSnapshot | null;
  response?: ResponseSnapshot | null;
  renderedBody?: string;
  $stored?: StoredRefs;
};

/** Deep equality of plain JSON values (snapshots are a few levels deep: objects, header pairs, strings). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The last step holding this very request or response (same object, or equal field by field). */
function stepWith(steps: readonly InvocationStep[], field: 'request' | 'response', value: object | null): number | undefined {
  if (value === null) return undefined;
  for (let i = steps.length - 1; i >= 0; i--) if (steps[i]![field] === value) return i;
  for (let i = steps.length - 1; i >= 0; i--) if (sameJson(steps[i]![field], value)) return i;
  return undefined;
}

/** The record as one JSON line (no newline): each body written once. Throws as `JSON.stringify` does. */
export function encodeRecord(rec: InvocationRecord): string {
  const refs: StoredRefs = {};
  const line: StoredLine = { ...rec };
  const req = stepWith(rec.steps, 'request', rec.request);
  if (req !== undefined) {
    refs.request = req;
    delete line.request;
  }
  const res = stepWith(rec.steps, 'response', rec.response);
  if (res !== undefined) {
    refs.response = res;
    delete line.response;
  }
  if (rec.request && rec.renderedBody !== '' && rec.renderedBody === rec.request.body) {
    refs.renderedBody = 'request.body';
    delete line.renderedBody;
  }
  if (Object.keys(refs).length) line.$stored = refs;
  return JSON.stringify(line);
}

/** A stored line (bytes or text) back to the record that was appended. Throws on a line that is not one. */
export function decodeRecord(line: Buffer | string): InvocationRecord {
  const v = JSON.parse(typeof line === 'string' ? line : line.toString('utf8')) as StoredLine;
  const refs = v.$stored;
  if (!refs) return v as InvocationRecord;
  delete v.$stored;
  const copy = <T extends RequestSnapshot | ResponseSnapshot>(s: T | null | undefined): T | null => (s ? { ...s, headers: s.headers.map(([n, h]) => [n, h] as [string, string]) } : null);
  if (refs.request !== undefined) v.request = copy(v.steps[refs.request]?.request);
  if (refs.response !== undefined) v.response = copy(v.steps[refs.response]?.response);
  if (refs.renderedBody === 'request.body') v.renderedBody = v.request?.body ?? '';
  return v as InvocationRecord;
}
