/**
 * Hooksmith's prediction against what Apono sent: the body a webhook's template renders for the captured
 * event under the current settings, compared byte for byte with the captured body. Equal means the preview
 * can be trusted for that webhook; otherwise the first difference is named by line and column, and by JSON
 * path when both sides are JSON.
 */
import type { Settings } from '../model/store-schema';
import { triggerOfEvent } from '../payload/user-samples';
import { eventTypeFor } from '../payload/request-event';
import { checkJson } from '../template/json-check';
import { lineAndColumn } from '../util/json-position';

/** Where the two bodies first part. */
export interface FirstDifference {
  /** 0-based offset (UTF-16 units) in both texts. */
  offset: number;
  /** 1-based line and column in the captured body. */
  line: number;
  column: number;
  /** `$.data.justification` when both bodies are JSON and differ in value; absent when only the layout differs. */
  jsonPath?: string;
  /** A little of each text from the difference on. */
  predicted: string;
  received: string;
}

/** The outcome of a comparison. */
export interface PredictionDiff {
  equal: boolean;
  predicted: string;
  received: string;
  firstDifference?: FirstDifference;
  /** One sentence: equal, or where and how it differs. */
  summary: string;
}

/**
 * The captured event as Hooksmith's preview would show it: the `event_type` spelled as the settings say
 * (the capture may show the other spelling; the prediction must use Hooksmith's, or it would always match).
 */
export function predictionEvent(event: Record<string, unknown>, style: Settings['eventTypeStyle']): Record<string, unknown> {
  const trigger = triggerOfEvent(event);
  return trigger ? { ...event, event_type: eventTypeFor(trigger, style) } : event;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const step = (path: string, key: string | number) => (typeof key === 'number' ? `${path}[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`);

/** The JSON path of the first value that differs, in the predicted body's order; undefined when equal. */
export function firstJsonDifference(a: unknown, b: unknown, path = '$'): string | undefined {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = firstJsonDifference(a[i], b[i], step(path, i));
      if (d) return d;
    }
    return undefined;
  }
  if (isRecord(a) && isRecord(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!(key in a) || !(key in b)) return step(path, key);
      const d = firstJsonDifference(a[key], b[key], step(path, key));
      if (d) return d;
    }
    return undefined;
  }
  return Object.is(a, b) ? undefined : path;
}

const EXCERPT = 40;
const excerpt = (text: string, at: number) => (at >= text.length ? '(end of body)' : text.slice(at, at + EXCERPT));

/** Compares the predicted body with the received one, byte for byte. */
export function comparePrediction(predicted: string, received: string): PredictionDiff {
  if (predicted === received) return { equal: true, predicted, received, summary: "Equal: Hooksmith's prediction matches what was sent, byte for byte." };
  let offset = 0;
  while (offset < predicted.length && offset < received.length && predicted[offset] === received[offset]) offset++;
  const { line, column } = lineAndColumn(received, offset);
  const a = checkJson(predicted);
  const b = checkJson(received);
  const jsonPath = a.valid && b.valid ? firstJsonDifference(a.value, b.value) : undefined;
  const first: FirstDifference = { offset, line, column, predicted: excerpt(predicted, offset), received: excerpt(received, offset) };
  if (jsonPath) first.jsonPath = jsonPath;
  const where = `line ${line}, column ${column}${jsonPath ? ` (${jsonPath})` : a.valid && b.valid ? ' (same JSON, different layout)' : ''}`;
  return {
    equal: false,
    predicted,
    received,
    firstDifference: first,
    summary: `Differs at ${where}: predicted ${JSON.stringify(first.predicted)}, received ${JSON.stringify(first.received)}.`,
  };
}
