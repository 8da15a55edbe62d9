/**
 * Samples the user edits, pastes and saves in the template editor: checking their input and turning saved
 * ones into {@link SampleEvent}s the preview and the robustness check can render against.
 */
import type { FieldIssue } from '../api/result';
import type { SavedSample } from '../model/store-schema';
import { checkJson } from '../template/json-check';
import { TRIGGERS, type Trigger } from '../model/webhook';
import type { RequestEvent, SampleEvent } from './request-event';

/** The longest sample name; it shows in a drop-down. */
export const SAMPLE_NAME_MAX = 80;
/** The largest sample payload, as JSON text: the whole store file is rewritten on every save. */
export const SAMPLE_MAX_CHARS = 2_000_000;

/** Why a sample cannot be saved, by field (`name`, `event`); empty when it can. */
export function checkSampleInput(name: string, event: unknown): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const trimmed = name.trim();
  if (!trimmed) issues.push({ field: 'name', message: 'Sample name is empty: type a name such as "Okta request with 3 groups".' });
  else if (trimmed.length > SAMPLE_NAME_MAX) issues.push({ field: 'name', message: `Sample name is ${trimmed.length} characters: shorten it to ${SAMPLE_NAME_MAX} or fewer.` });
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    issues.push({ field: 'event', message: 'Sample payload must be a JSON object such as { "event_type": …, "data": { … } }.' });
  } else if (JSON.stringify(event).length > SAMPLE_MAX_CHARS) {
    issues.push({ field: 'event', message: `Sample payload is larger than ${SAMPLE_MAX_CHARS / 1_000_000} MB: trim it (for instance fewer access units).` });
  }
  return issues;
}

/** A sample payload typed or pasted as JSON text. */
export type ParsedSample = { ok: true; event: Record<string, unknown> } | { ok: false; message: string; line: number; column: number };

/** Parses sample JSON text; errors carry the 1-based line and column and say what to fix. */
export function parseSampleText(text: string): ParsedSample {
  const check = checkJson(text);
  if (!check.valid) return { ok: false, message: `Sample JSON, line ${check.line} column ${check.column}: ${check.message}.`, line: check.line, column: check.column };
  const v = check.value;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    return { ok: false, message: 'Sample JSON must be an object such as { "event_type": …, "data": { … } }, not a list or a single value.', line: 1, column: 1 };
  }
  return { ok: true, event: v as Record<string, unknown> };
}

/** The id a saved sample has among the preview's samples (kept apart from built-in ids). */
export function savedSampleId(id: string): string {
  return `saved-${id}`;
}

/** True for a sample the user saved (as opposed to a built-in one). */
export function isSavedSampleId(id: string): boolean {
  return id.startsWith('saved-');
}

/** Saved samples as preview samples, in the order given. */
export function savedSampleEvents(saved: readonly SavedSample[]): SampleEvent[] {
  return saved.map((s) => ({
    id: savedSampleId(s.id),
    label: s.name,
    edgeCase: false,
    trigger: triggerOfEvent(s.event),
    // Rendering accepts any data; a user's payload need not follow the documented shape, and the preview
    // exists precisely to show what the template does with it.
    event: s.event as unknown as RequestEvent,
  }));
}

/**
 * The trigger a payload's `event_type` names, in either spelling (`AccessRequestApproved` or
 * `RequestApproved`, any case); `undefined` when it names none, so callers pick their default.
 */
export function triggerOfEvent(event: Record<string, unknown>): Trigger | undefined {
  const t = event.event_type;
  if (typeof t !== 'string') return undefined;
  const bare = t.trim().toLowerCase().replace(/^access/, '');
  return TRIGGERS.find((tr) => tr.toLowerCase() === bare);
}
