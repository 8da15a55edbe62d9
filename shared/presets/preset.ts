/**
 * A preset: a ready-made webhook for one target product, with what to fill in and what goes wrong.
 */
import type { TargetContract } from '../contracts/target-contract';
import type { WebhookInput } from '../model/webhook';
import type { TargetUrlRule } from './target-urls';

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
  /** How the target's real URLs look (see target-urls.ts); empty for a preset that is no particular target. */
  urls: readonly TargetUrlRule[];
  /** The webhook the form opens with; `<LIKE_THIS>` marks values the user must replace before saving. */
  webhook: WebhookInput;
  /** What to fill in and where to find it, one step per entry. */
  setup: string[];
  /** Hints keyed by status or error text, most specific first. */
  hints: FailureHint[];
  /** The vendor's documentation this preset follows (also the contract's `docUrl`). */
  docUrl?: string;
  /** What the target documents it accepts; the preset's webhook names it in `contract`. Absent for the blank webhook. */
  contract?: TargetContract;
}

/**
 * Why preset bodies carry no free text, shown with the gallery.
 *
 * Every preset must pass "Does the JSON hold?" on every sample and edge case in the default (stock HTML
 * escaping) mode, and no stock way to output text satisfies it: `{{x}}` turns `"'<>&=` and the backquote into
 * entities, so the target receives altered text (`R&D` as `R&amp;D`), and `{{{x}}}` keeps them but a quote,
 * a backslash or a line break then ends the body's JSON. Stock Handlebars has no helper that escapes for
 * JSON, and Apono documents none. So the presets send only values HTML escaping leaves alone: ids, emails,
 * enum values, epoch times, and the integration, resource and permission names the request lists (which come
 * from the connected systems, not from what people type; the samples hold none of those characters there).
 * The requester's and grantee's names, the justification, and the access-flow and bundle names are left out,
 * with their ids sent instead; an optional object (the bundle, the grantee) is read only inside `{{#if}}`.
 * Sending a name is then the user's informed choice, e.g. into Freshdesk's HTML description where an entity
 * displays as the character it stands for: the check will list it as altered, which is then expected.
 */
export const FREE_TEXT_NOTE =
  'Preset bodies send ids, emails and the names of integrations, resources and permissions, but no text people type or name: not the requester\'s or grantee\'s name, the justification, or the access-flow or bundle name (their ids are sent instead). Stock Handlebars escapes for HTML, not JSON: {{x}} delivers "R&D" as "R&amp;D", and {{{x}}} breaks the JSON on a quote or line break. Add such a field yourself only if the target can take altered text; "Does the JSON hold?" will list where it is altered.';
