/**
 * Tables of verdicts: a lifecycle (step × webhook) and a webhook's truth table (sample × verdict), with the
 * body each fired case would send.
 */
import type { Trigger, WebhookInput } from '../model/webhook';
import { allSamples } from '../payload/samples';
import type { EventTypeStyle, RequestEvent, SampleEvent } from '../payload/request-event';
import { renderTemplate, type EscapeMode } from '../template/render';
import { describeRenderError } from '../template/render-error';
import { evaluateWebhook, type Verdict } from './evaluate-webhook';
import { playLifecycle, type LifecycleName } from './lifecycle';

/** A webhook as the simulator needs it; `id` is optional so unsaved definitions can be simulated. */
export type SimWebhook = Pick<WebhookInput, 'name' | 'active' | 'triggers' | 'filters' | 'bodyTemplate'> & { id?: string };

/** The body a fired webhook would send: the text, and whether it is JSON. */
export interface RenderedBody {
  body: string;
  json: boolean;
  /** Why it is not JSON, or why rendering failed. */
  problem?: string;
}

/** One webhook's verdict for one event, and its body when it fires. */
export interface SimCell {
  webhook: string;
  webhookId?: string;
  verdict: Verdict;
  rendered?: RenderedBody;
}

/** Options shared by the tables. */
export interface SimOptions {
  escape?: EscapeMode;
  /**
   * Render the bodies of fired cells (default true). The UI passes false and asks the backend instead:
   * compiling Handlebars needs `new Function`, which its Content Security Policy forbids.
   */
  render?: boolean;
}

/** Renders a body; never throws. */
export function renderForSimulation(template: string, event: unknown, escape: EscapeMode = 'html'): RenderedBody {
  const r = renderTemplate(template, event, { escape });
  if (!r.ok) return { body: '', json: false, problem: `template error: ${describeRenderError(r)}` };
  return r.json.valid ? { body: r.body, json: true } : { body: r.body, json: false, problem: `not JSON at line ${r.json.line}, column ${r.json.column}: ${r.json.message}` };
}

/** One webhook's cell for one event. */
export function simulateCell(webhook: SimWebhook, event: unknown, trigger: Trigger, opts: SimOptions = {}): SimCell {
  const verdict = evaluateWebhook(webhook, event, trigger);
  const cell: SimCell = { webhook: webhook.name, verdict, ...(webhook.id ? { webhookId: webhook.id } : {}) };
  if (verdict.kind === 'fires' && opts.render !== false) cell.rendered = renderForSimulation(webhook.bodyTemplate, event, opts.escape);
  return cell;
}

/** One lifecycle step with every webhook's cell. */
export interface SimStep {
  trigger: Trigger;
  event: RequestEvent;
  cells: SimCell[];
}

/** Plays a lifecycle from a base request and evaluates every webhook at every step. */
export function simulateLifecycle(webhooks: readonly SimWebhook[], base: RequestEvent, lifecycle: LifecycleName, opts: SimOptions & { style?: EventTypeStyle } = {}): SimStep[] {
  return playLifecycle(base, lifecycle, opts.style).map(({ trigger, event }) => ({
    trigger,
    event,
    cells: webhooks.map((w) => simulateCell(w, event, trigger, opts)),
  }));
}

/** One row of a truth table: a sample and the webhook's verdict on it. */
export interface TruthRow {
  sampleId: string;
  label: string;
  edgeCase: boolean;
  trigger: Trigger;
  cell: SimCell;
}

/**
 * A webhook's truth table over the whole sample library: every trigger sample and every edge case (edge cases
 * are Created events), with the body for each one that fires.
 */
export function truthTable(webhook: SimWebhook, opts: SimOptions & { style?: EventTypeStyle; samples?: readonly SampleEvent[] } = {}): TruthRow[] {
  const samples = opts.samples ?? allSamples(opts.style);
  return samples.map((s) => {
    const trigger = s.trigger ?? 'RequestCreated';
    return { sampleId: s.id, label: s.label, edgeCase: s.edgeCase, trigger, cell: simulateCell(webhook, s.event, trigger, opts) };
  });
}
