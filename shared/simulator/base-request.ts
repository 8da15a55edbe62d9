/**
 * The base request a lifecycle is played from, checked once for the simulator page (a pasted request) and
 * `hooksmith simulate --payload FILE`: any JSON object with a `data` object, as Apono sends its events.
 */
import type { RequestEvent } from '../payload/request-event';

/** A usable base request, or what is wrong with it (without a prefix: the caller says where it came from). */
export type BaseRequest = { ok: true; event: RequestEvent } | { ok: false; problem: string };

/** Checks an already parsed value. */
export function baseRequestOf(value: unknown): BaseRequest {
  const data = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as { data?: unknown }).data : undefined;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, problem: 'not a request event — it must be a JSON object with a "data" object, as Apono sends it, e.g. { "event_type": "…", "data": { … } }.' };
  }
  return { ok: true, event: value as RequestEvent };
}

/** Parses and checks JSON text. */
export function parseBaseRequest(text: string): BaseRequest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, problem: `not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  return baseRequestOf(value);
}
