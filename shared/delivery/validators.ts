/**
 * Response validators: JSONPath checks on the target's response, as Apono's form defines them.
 *
 * Paths are evaluated against `{ data: <parsed response body> }`, which is why Apono's paths start with
 * `$.data.`: `$.data.status` reads the body's `status`.
 */
import { JSONPath } from 'jsonpath-plus';
import type { ResponseValidator } from '../model/webhook';
import type { ValidatorResult } from './invocation';

/** All validators' results and the verdict. `passed` is true when every validator passed (or there are none). */
export interface ValidatorReport {
  passed: boolean;
  results: ValidatorResult[];
}

const NUMBER = /^\s*-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Turns a found value or an expected value into the string the comparison uses.
 *
 * The rule, applied to both sides:
 * - numbers, and strings that are plain decimal numbers, become their shortest numeric form (`"200"`, `200`
 *   and `"200.0"` all become `200`; `"1.0"` and `1` become `1`);
 * - booleans, and the strings `true`/`false` in any case, become `true`/`false`;
 * - `null` (and the string `null`) becomes `null`;
 * - objects and arrays become canonical JSON (keys sorted, no spaces); an expected value that parses as a
 *   JSON object or array is canonicalized the same way, so key order and spacing do not matter;
 * - any other string is compared as is (case-sensitive, not trimmed).
 */
export function normalizeForComparison(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean' || value === null) return String(value);
  if (typeof value === 'string') {
    if (NUMBER.test(value)) {
      const n = Number(value);
      if (Number.isFinite(n)) return String(n);
    }
    const lower = value.toLowerCase();
    if (lower === 'true' || lower === 'false') return lower;
    const trimmed = value.trim();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try {
        return canonicalJson(JSON.parse(trimmed));
      } catch {
        return value;
      }
    }
    return value;
  }
  if (typeof value === 'object') return canonicalJson(value);
  return String(value);
}

function evaluateOne(validator: ResponseValidator, wrapped: { data: unknown }): ValidatorResult {
  const base = { jsonPath: validator.jsonPath, expectedValues: validator.expectedValues };
  let raw: unknown;
  try {
    // 'safe' keeps filter expressions away from eval/Function (CSP-safe in the renderer too).
    raw = JSONPath({ path: validator.jsonPath, json: wrapped, wrap: true, eval: 'safe' });
  } catch (e) {
    return { ...base, passed: false, found: [], reason: `invalid JSONPath: ${e instanceof Error ? e.message : String(e)}` };
  }
  const found = (Array.isArray(raw) ? raw : []).map(normalizeForComparison);
  if (validator.expectedValues.length === 0) {
    return { ...base, passed: false, found, reason: 'no expected values (Apono requires at least one)' };
  }
  if (found.length === 0) {
    const prefixHint = validator.jsonPath.startsWith('$.data') ? '' : '; paths must start with $.data.';
    return { ...base, passed: false, found, reason: `nothing found at this path${prefixHint}` };
  }
  const expected = new Set(validator.expectedValues.map(normalizeForComparison));
  const passed = found.some((f) => expected.has(f));
  return passed ? { ...base, passed, found } : { ...base, passed, found, reason: `found ${found.join(', ')}; expected one of ${validator.expectedValues.join(', ')}` };
}

/**
 * Evaluates every validator against a response body.
 *
 * A validator passes when any value found at its path equals (after {@link normalizeForComparison}) any of
 * its expected values; the report passes when every validator passes. A body that is not JSON (empty,
 * binary, truncated, HTML) fails every validator with that reason, since there is nothing to look into.
 */
export function evaluateValidators(
  validators: readonly ResponseValidator[],
  body: { text: string; encoding: 'utf8' | 'base64'; truncated: boolean } | null,
): ValidatorReport {
  if (validators.length === 0) return { passed: true, results: [] };
  let notJson: string | null = null;
  let data: unknown = undefined;
  if (body === null) notJson = 'no response body';
  else if (body.encoding === 'base64') notJson = 'the response body is binary, not JSON';
  else {
    try {
      data = JSON.parse(body.text);
    } catch {
      notJson = body.truncated
        ? 'the response body was cut at the size limit, so it cannot be parsed as JSON'
        : body.text.trim() === ''
          ? 'the response body is empty, not JSON'
          : 'the response body is not JSON';
    }
  }
  const results = validators.map((v): ValidatorResult => {
    if (notJson !== null) {
      return { jsonPath: v.jsonPath, expectedValues: v.expectedValues, passed: false, found: [], reason: notJson };
    }
    return evaluateOne(v, { data });
  });
  return { passed: results.every((r) => r.passed), results };
}
