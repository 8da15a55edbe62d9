/**
 * JSON validity of a rendered body, with an exact error offset.
 *
 * `JSON.parse` messages differ across V8 versions (Node 20 says "at position N", newer Chromium quotes the
 * text and sometimes gives line/column only), so the position comes from the shared scanner instead. It
 * runs only after `JSON.parse` has failed, so the fast path costs nothing extra.
 */
import { findJsonError, lineAndColumn } from '../util/json-position';

/** The outcome of checking a rendered body. Positions are 0-based offset, 1-based line and column. */
export type JsonCheck =
  | { valid: true; value: unknown }
  | { valid: false; message: string; offset: number; line: number; column: number };

/** Parses `text` as JSON; on failure, reports where and why. */
export function checkJson(text: string): JsonCheck {
  try {
    return { valid: true, value: JSON.parse(text) };
  } catch (e) {
    const found = findJsonError(text);
    const offset = found?.offset ?? 0;
    const message = found ? found.problem.charAt(0).toUpperCase() + found.problem.slice(1) : e instanceof Error ? e.message : String(e);
    return { valid: false, message, offset, ...lineAndColumn(text, offset) };
  }
}
