/**
 * Shape checks for the recorded parts of a repro bundle (request, response, steps, error, warnings).
 *
 * A bundle is a file from someone else. What it carries is stored in the history and later listed, opened,
 * exported and replayed, so every part those read must have the shape they expect: a bundle with
 * `"response": {}` must be refused naming `response`, not accepted and then break the history table.
 */
import { TRIGGERS } from '../model/webhook';

/** The first problem found: the field (dotted path) and what it must be. */
export interface ShapeProblem {
  field: string;
  message: string;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const problem = (field: string, what: string): ShapeProblem => ({ field, message: `${field} must be ${what}.` });

function headerPairs(v: unknown, field: string): ShapeProblem | null {
  if (!Array.isArray(v)) return problem(field, 'a list of [name, value] pairs');
  const bad = v.findIndex((h) => !Array.isArray(h) || h.length !== 2 || typeof h[0] !== 'string' || typeof h[1] !== 'string');
  return bad < 0 ? null : problem(`${field}.${bad}`, 'a [name, value] pair of strings');
}

/** A recorded request: null, or method, url, headers and body. */
export function requestProblem(v: unknown, field: string): ShapeProblem | null {
  if (v === null) return null;
  if (!isObj(v)) return problem(field, 'null or an object with method, url, headers and body');
  for (const key of ['method', 'url', 'body'] as const) if (typeof v[key] !== 'string') return problem(`${field}.${key}`, 'a string');
  return headerPairs(v.headers, `${field}.headers`);
}

/** A recorded response: null, or status, headers, body and its encoding and sizes. */
export function responseProblem(v: unknown, field: string): ShapeProblem | null {
  if (v === null) return null;
  if (!isObj(v)) return problem(field, 'null or an object with status, headers and body');
  if (!Number.isInteger(v.status)) return problem(`${field}.status`, 'a whole number (the HTTP status)');
  if (typeof v.statusText !== 'string') return problem(`${field}.statusText`, 'a string');
  if (typeof v.body !== 'string') return problem(`${field}.body`, 'a string');
  if (v.bodyEncoding !== 'utf8' && v.bodyEncoding !== 'base64') return problem(`${field}.bodyEncoding`, '"utf8" or "base64"');
  if (!isNum(v.size)) return problem(`${field}.size`, 'a number of bytes');
  if (typeof v.truncated !== 'boolean') return problem(`${field}.truncated`, 'true or false');
  if (v.fullSize !== null && !isNum(v.fullSize)) return problem(`${field}.fullSize`, 'null or a number of bytes');
  return headerPairs(v.headers, `${field}.headers`);
}

/** A delivery error: null, or an object with a class, a message and a hint. */
export function errorProblem(v: unknown, field: string): ShapeProblem | null {
  if (v === null) return null;
  if (!isObj(v) || typeof v.errorClass !== 'string' || typeof v.message !== 'string' || typeof v.hint !== 'string') {
    return problem(field, 'null or an object with errorClass, message and hint (strings)');
  }
  return null;
}

function timingsProblem(v: unknown, field: string): ShapeProblem | null {
  if (v === null) return null;
  if (!isObj(v) || !isNum(v.totalMs) || typeof v.reusedSocket !== 'boolean') return problem(field, 'null or an object with totalMs and reusedSocket');
  for (const key of ['queueMs', 'dnsMs', 'tcpMs', 'tlsMs', 'sendMs', 'waitMs', 'downloadMs']) {
    if (v[key] !== null && v[key] !== undefined && !isNum(v[key])) return problem(`${field}.${key}`, 'null or a number of milliseconds');
  }
  return null;
}

/** One exchange of the delivery. */
export function stepProblem(v: unknown, field: string): ShapeProblem | null {
  if (!isObj(v)) return problem(field, 'an object (one exchange of the delivery)');
  if (v.kind !== 'webhook' && v.kind !== 'oauth-token') return problem(`${field}.kind`, '"webhook" or "oauth-token"');
  if (!isNum(v.attempt)) return problem(`${field}.attempt`, 'a number');
  if (typeof v.startedAt !== 'string') return problem(`${field}.startedAt`, 'an ISO 8601 date');
  if (!isNum(v.durationMs)) return problem(`${field}.durationMs`, 'a number of milliseconds');
  if (v.proxy !== undefined && !(isObj(v.proxy) && typeof v.proxy.url === 'string' && typeof v.proxy.source === 'string')) return problem(`${field}.proxy`, 'an object with url and source');
  return requestProblem(v.request, `${field}.request`) ?? responseProblem(v.response, `${field}.response`) ?? timingsProblem(v.timings, `${field}.timings`) ?? errorProblem(v.error, `${field}.error`);
}

/** The recorded parts of a bundle object (its webhook is checked by the webhook rules). */
export function recordedPartsProblem(v: Record<string, unknown>): ShapeProblem | null {
  if (!(TRIGGERS as readonly unknown[]).includes(v.trigger)) return problem('trigger', `one of ${TRIGGERS.join(', ')}`);
  if (v.outcome !== 'Success' && v.outcome !== 'Failure') return problem('outcome', '"Success" or "Failure"');
  if (!Array.isArray(v.warnings) || v.warnings.some((w) => typeof w !== 'string')) return problem('warnings', 'a list of strings');
  const steps = v.steps as unknown[];
  for (let i = 0; i < steps.length; i++) {
    const p = stepProblem(steps[i], `steps.${i}`);
    if (p) return p;
  }
  return requestProblem(v.request, 'request') ?? responseProblem(v.response, 'response') ?? errorProblem(v.error, 'error');
}
