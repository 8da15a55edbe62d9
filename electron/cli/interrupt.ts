/**
 * Ctrl+C during a send (`send`, `replay`, `simulate --send`): the first one cancels the send in flight
 * through the delivery's own cancel, so the exchange still ends in an invocation record (outcome
 * `cancelled`), which the history keeps and the command prints; a second one quits at once (see
 * {@link CliIo.onInterrupt}). Exit code 130, as a shell reports a command stopped by Ctrl+C.
 */
import { randomUUID } from 'node:crypto';
import type { CliIo } from './cli-io';

/** The exit code of a command stopped by Ctrl+C (128 + SIGINT). */
export const INTERRUPTED_EXIT = 130;

/** Where SIGINT comes from: the process, or any emitter standing in for it. */
interface SignalSource {
  on(event: 'SIGINT', listener: () => void): unknown;
  off(event: 'SIGINT', listener: () => void): unknown;
}

/**
 * {@link CliIo.onInterrupt} over a signal source: the first SIGINT goes to the handler, a second one while
 * it is still subscribed calls `exit(130)`; once unsubscribed, SIGINT has its default effect again.
 */
export function interruptsFrom(source: SignalSource, exit: (code: number) => void): CliIo['onInterrupt'] {
  return (handler) => {
    let count = 0;
    const listener = () => {
      // The first one asks the command to stop cleanly; insisting means "now", as a shell user expects.
      if (++count > 1) exit(INTERRUPTED_EXIT);
      else handler();
    };
    source.on('SIGINT', listener);
    return () => void source.off('SIGINT', listener);
  };
}

/** Runs `work` with Ctrl+C wired to `signal`; `cancelled` says whether the user pressed it meanwhile. */
export async function cancellable<T>(io: CliIo, work: (signal: AbortSignal) => Promise<T>): Promise<{ value: T; cancelled: boolean }> {
  const controller = new AbortController();
  const stop = io.onInterrupt(() => {
    io.stderr('Cancelling… (press Ctrl+C again to quit at once)\n');
    controller.abort();
  });
  try {
    const value = await work(controller.signal);
    return { value, cancelled: controller.signal.aborted };
  } finally {
    stop();
  }
}

/**
 * {@link cancellable} for one backend run (a send, a replay, a history search): the run gets a fresh run id, and
 * Ctrl+C cancels it through `cancel` (the contract's `delivery.cancel`), so it ends as the backend ends a cancelled run.
 */
export function cancellableRun<T>(io: CliIo, cancel: (runId: string) => unknown, work: (runId: string) => Promise<T>): Promise<{ value: T; cancelled: boolean }> {
  const runId = randomUUID();
  return cancellable(io, (signal) => {
    signal.addEventListener('abort', () => void cancel(runId), { once: true });
    return work(runId);
  });
}
