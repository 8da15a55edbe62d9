/**
 * How a failed render is told, written once for the Test panel and `hooksmith send` (the record's error),
 * replays that re-render, and the simulator's cells: the message, then where in the template when known.
 */
import type { RenderResult } from './render';

/** A render that failed, whichever way. */
export type FailedRender = Extract<RenderResult, { ok: false }>;

/** The error of a failed render, syntax or runtime alike, with its 1-based template position when known. */
export function renderErrorOf(r: FailedRender): { message: string; line?: number; column?: number } {
  return 'syntaxError' in r ? r.syntaxError : r.runtimeError;
}

/** `Parse error on line 2: … (template line 2, column 7)`; the position is left out when Handlebars gave none. */
export function describeRenderError(r: FailedRender): string {
  const e = renderErrorOf(r);
  return e.line === undefined ? e.message : `${e.message} (template line ${e.line}, column ${e.column ?? 1})`;
}
