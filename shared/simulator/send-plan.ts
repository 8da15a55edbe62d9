/**
 * "Send all that fire": which cells of a simulated lifecycle go out, where to, and how each send is told.
 * Shared by `hooksmith simulate --send` and the simulator page, so both send and word the same things.
 */
import type { InvocationRecord } from '../delivery/invocation';
import type { Trigger } from '../model/webhook';
import type { RequestEvent } from '../payload/request-event';
import { hostOf } from '../util/host-of';
import type { SimStep } from './simulate';

/** One send: the step's trigger and event, for the webhook in column `webhook`. */
export interface PlannedSend {
  /** `step:webhook`, the cell's key. */
  key: string;
  step: number;
  webhook: number;
  trigger: Trigger;
  event: RequestEvent;
}

/** Every fired cell, step by step (the order Apono would send them), webhooks left to right. */
export function sendPlan(steps: readonly SimStep[]): PlannedSend[] {
  return steps.flatMap((s, i) =>
    s.cells.flatMap((c, j) => (c.verdict.kind === 'fires' ? [{ key: `${i}:${j}`, step: i, webhook: j, trigger: s.trigger, event: s.event }] : [])),
  );
}

/** The distinct hosts of the URLs the plan sends to, in first-use order; a URL that does not parse stays as typed. */
export function planHosts(plan: readonly PlannedSend[], urls: readonly string[]): string[] {
  const hosts = plan.map((p) => hostOf(urls[p.webhook] ?? ''));
  return [...new Set(hosts)];
}

/** The confirmation: `Send 6 requests to hooks.slack.com and acme.okta.com?` */
export function describePlan(count: number, hosts: readonly string[]): string {
  const list = hosts.length <= 1 ? (hosts[0] ?? '') : `${hosts.slice(0, -1).join(', ')} and ${hosts[hosts.length - 1]}`;
  return `Send ${count} request${count === 1 ? '' : 's'} to ${list}?`;
}

/** A send's result in a few words: `Success 200`, `Failure 503`, `Failure (no response)`. */
export function outcomeLabel(record: { outcome: InvocationRecord['outcome']; response: { status: number } | null }): string {
  return `${record.outcome} ${record.response ? record.response.status : '(no response)'}`;
}
