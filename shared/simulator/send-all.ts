/**
 * The "Send all that fire" loop, written once for the simulator page and `hooksmith simulate --send`: the
 * planned cells go out one after another, each as its own run, so stopping cancels the request in flight
 * (through the contract's one `delivery.cancel`) instead of waiting for it, and sends no more.
 */
import type { PlannedSend } from './send-plan';

/** How the loop reaches the backend and reports progress; the caller supplies the transport. */
export interface SendAllCalls<R> {
  /** Sends one planned cell as the run `runId` (e.g. `api.delivery.test({ …, runId })`). */
  send(p: PlannedSend, runId: string): Promise<R>;
  /** Stops the run `runId` in flight (e.g. `api.delivery.cancel({ runId })`). */
  cancel(runId: string): void;
  /** A fresh, unique run id. */
  newRunId(): string;
  /** Before each send (the page marks the cell "sending"). */
  onSending?(p: PlannedSend): void;
  /** After each send, with what it returned. */
  onSent?(p: PlannedSend, result: R): void;
}

/**
 * Sends the plan in order and returns each cell's result by key. A refused or failed send does not stop the
 * others; aborting `signal` cancels the send in flight (it still comes back, recorded as cancelled) and
 * sends none of the rest, which are absent from the result.
 */
export async function sendAll<R>(plan: readonly PlannedSend[], calls: SendAllCalls<R>, signal?: AbortSignal): Promise<Map<string, R>> {
  const out = new Map<string, R>();
  let inFlight: string | null = null;
  const stop = () => {
    if (inFlight !== null) calls.cancel(inFlight);
  };
  signal?.addEventListener('abort', stop, { once: true });
  try {
    for (const p of plan) {
      if (signal?.aborted) break;
      const runId = calls.newRunId();
      inFlight = runId;
      calls.onSending?.(p);
      const result = await calls.send(p, runId);
      inFlight = null;
      out.set(p.key, result);
      calls.onSent?.(p, result);
    }
  } finally {
    signal?.removeEventListener('abort', stop);
  }
  return out;
}
