/**
 * A preset: a ready-made webhook for one target product, with what to fill in and what goes wrong.
 */
import type { WebhookInput } from '../model/webhook';

/**
 * A hint shown when a delivery to this target fails.
 *
 * A hint applies when every condition it sets holds: `status` equals the response status, and `text`
 * (case-insensitive) occurs in the response body or the error message. A hint must set at least one.
 */
export interface FailureHint {
  status?: number;
  text?: string;
  hint: string;
}

/** One target's preset. */
export interface WebhookPreset {
  /** Short, stable, lowercase id used in routes and on the command line (`slack`, `okta-workflows`). */
  id: string;
  /** The target's name as its vendor writes it. */
  name: string;
  /** One sentence for the gallery: what the webhook does at the target. */
  description: string;
  /** The webhook the form opens with; `<LIKE_THIS>` marks values the user must replace before saving. */
  webhook: WebhookInput;
  /** What to fill in and where to find it, one step per entry. */
  setup: string[];
  /**
   * Event fields the body includes that are free text people type (names), so HTML escaping can change them
   * on the way (`R&D` arrives as `R&amp;D`). The JSON still holds; the robustness test checks both claims.
   */
  escapedText: string[];
  /** Hints keyed by status or error text, most specific first. */
  hints: FailureHint[];
}

/**
 * Why free text is left out of every preset body, shown with each preset.
 *
 * Stock Handlebars escapes for HTML, not JSON: a line break or a backslash in the justification (or in an
 * access-flow name) comes out raw and the body stops being JSON. No stock helper can fix that, so the
 * presets leave those fields out rather than send bodies that break on the first multi-line justification.
 */
export const FREE_TEXT_NOTE =
  'The justification and the access-flow name are left out: they are free text, and a line break or backslash in them would make the body invalid JSON (stock Handlebars escapes for HTML, not JSON). Add {{data.justification}} yourself only if you accept that risk.';
