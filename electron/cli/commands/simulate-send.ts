/**
 * `hooksmith simulate --send`: every fired cell sent through the delivery service (as the Test button does),
 * one after another in lifecycle order, each recorded in the history.
 */
import { randomUUID } from 'node:crypto';
import type { TestArgs, TestNetworkOptions } from '../../../shared/api/contract';
import { formatMs } from '../../../shared/delivery/format';
import type { Trigger, WebhookInput } from '../../../shared/model/webhook';
import { outcomeLabel, sendAll, sendPlan, type PlannedSend, type SimStep } from '../../../shared/simulator';
import type { CliBackend } from '../cli-api';

/** What became of one fired cell. */
export interface SentCell {
  trigger: Trigger;
  webhook: string;
  /** Sent and successful. */
  ok: boolean;
  /** The table's addition, e.g. `Success 200`, `not sent`. */
  short: string;
  /** One line under the table: outcome, time, invocation id, and the error with its hint. */
  line: string;
  /** The `sent` member of the JSON output. */
  json: Record<string, unknown>;
}

/** Sent cells by `step:webhook`. */
export type SentCells = Map<string, SentCell>;

/**
 * Sends every fired cell, in order; a refused or failed send does not stop the others. `signal` (Ctrl+C)
 * cancels the send in flight, which is still recorded, and sends no more.
 */
export async function sendFired(steps: readonly SimStep[], webhooks: ReadonlyArray<WebhookInput & { id?: string }>, network: TestNetworkOptions, backend: CliBackend, signal?: AbortSignal): Promise<SentCells> {
  return sendAll(
    sendPlan(steps),
    {
      send: (p, runId) => sendCell(p, webhooks[p.webhook]!, network, backend, runId),
      cancel: (runId) => void backend.api.delivery.cancel({ runId }),
      newRunId: randomUUID,
    },
    signal,
  );
}

/** Sends one fired cell as a Test would, and describes what became of it. */
async function sendCell(p: PlannedSend, w: WebhookInput & { id?: string }, network: TestNetworkOptions, backend: CliBackend, runId: string): Promise<SentCell> {
  // A saved webhook goes by id (its stored secrets apply); a definition file's by its settings.
  const target: Partial<TestArgs> = w.id ? { webhookId: w.id } : { input: w };
  const r = await backend.api.delivery.test({ ...target, trigger: p.trigger, event: p.event, runId, ...(Object.keys(network).length ? { network } : {}) });
  const base = { trigger: p.trigger, webhook: w.name };
  if (!r.ok) return { ...base, ok: false, short: 'not sent', line: `not sent: ${r.error.message}`, json: { outcome: 'NotSent', error: r.error.message } };
  const rec = r.value;
  const label = outcomeLabel(rec);
  const error = rec.error ? ` — ${rec.error.message}${rec.error.hint ? ` ${rec.error.hint}` : ''}` : '';
  return {
    ...base,
    ok: rec.outcome === 'Success',
    short: label,
    line: `${label} · ${formatMs(rec.durationMs)} · invocation ${rec.id}${error}`,
    json: { outcome: rec.outcome, status: rec.response?.status ?? null, invocationId: rec.id, durationMs: rec.durationMs, ...(rec.error ? { error: rec.error.message, hint: rec.error.hint } : {}) },
  };
}

/** The table cell's suffix for a sent cell: ` → Success 200`. */
export function cellLabel(sent: SentCell | undefined): string {
  return sent ? ` → ${sent.short}` : '';
}
