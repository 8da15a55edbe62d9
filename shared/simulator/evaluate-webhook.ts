/**
 * Would a webhook fire for an event? Checked in the order an admin debugs it: active, trigger, filters.
 */
import type { Trigger, WebhookInput } from '../model/webhook';
import { evaluateFilters, type FilterOutcome } from '../filters/evaluate-filters';

/** The verdict for one webhook and one event. */
export type Verdict =
  | { kind: 'fires'; filters: FilterOutcome[] }
  | { kind: 'filtered-out'; reason: string; filters: FilterOutcome[] }
  | { kind: 'trigger-not-selected'; reason: string }
  | { kind: 'inactive'; reason: string };

export type VerdictKind = Verdict['kind'];

/** The words the table and the CLI print for each verdict. */
export const VERDICT_LABELS: Record<VerdictKind, string> = {
  fires: 'fires',
  'filtered-out': 'filtered out',
  'trigger-not-selected': 'trigger not selected',
  inactive: 'inactive',
};

/** The parts of a webhook the verdict depends on; a saved `Webhook` or a form draft both fit. */
export type SimulatedWebhook = Pick<WebhookInput, 'name' | 'active' | 'triggers' | 'filters'>;

/**
 * Evaluates a webhook for an event raised by `trigger`.
 *
 * An inactive webhook never fires, whatever else holds; a trigger the webhook does not list comes next; only
 * then are the filters evaluated (all of them, so the UI can show each).
 */
export function evaluateWebhook(webhook: SimulatedWebhook, event: unknown, trigger: Trigger): Verdict {
  if (!webhook.active) return { kind: 'inactive', reason: `${webhook.name} is inactive — activate it to let it fire.` };
  if (!webhook.triggers.includes(trigger)) {
    return { kind: 'trigger-not-selected', reason: `${trigger} is not among its triggers (${webhook.triggers.join(', ') || 'none'}).` };
  }
  const r = evaluateFilters(webhook.filters, event);
  return r.pass ? { kind: 'fires', filters: r.outcomes } : { kind: 'filtered-out', reason: r.reason ?? 'a filter did not match', filters: r.outcomes };
}
