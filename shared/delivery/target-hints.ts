/**
 * Hints for one target (Okta Workflows, Slack, …) when a delivery fails, next to the generic hint: the
 * preset the webhook's URL follows says what that product's 401 or "flow is not on" usually means.
 */
import { hintsFor, presetForUrl } from '../presets';
import type { InvocationRecord } from './invocation';

/** The product the hints are for, and the hints; `null` when the delivery passed or no preset hint applies. */
export interface TargetHints {
  target: string;
  hints: string[];
}

/** Enough of a response body to match hint texts, without lower-casing megabytes. */
const TEXT_LIMIT = 64 * 1024;

/** See the file comment. Uses the last response (the webhook call, else the token call) and the error message. */
export function targetHintsFor(record: InvocationRecord): TargetHints | null {
  if (record.outcome !== 'Failure') return null;
  const preset = presetForUrl(record.webhook.url);
  if (!preset) return null;
  const response = record.response ?? [...record.steps].reverse().find((s) => s.response)?.response ?? null;
  const body = response && response.bodyEncoding === 'utf8' ? response.body.slice(0, TEXT_LIMIT) : '';
  const hints = hintsFor(preset, { status: response?.status, text: `${body}\n${record.error?.message ?? ''}` });
  return hints.length ? { target: preset.name, hints } : null;
}
