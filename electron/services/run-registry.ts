/**
 * The one registry of cancellable runs: Tests, replays, "Send all that fire" and CLI sends all start under a
 * caller-chosen run id, and `delivery.cancel({ runId })` stops whichever is in flight with that id.
 */
import { err, type Result } from '../../shared/api/result';

/** How many early cancels to remember; bounded so stray cancels cannot pile up. */
const EARLY_CANCELS = 100;

export class RunRegistry {
  private readonly running = new Map<string, AbortController>();
  /** Cancels that arrived before their run (the two calls can cross on the HTTP bridge). */
  private readonly cancelledEarly = new Set<string>();

  /**
   * Runs `work` with a signal that {@link cancel} aborts. Without a run id the work still gets a signal, but
   * nothing can reach it; an id already in flight is refused with `conflict`, naming the `runId` field.
   */
  async run<T>(runId: string | undefined, work: (signal: AbortSignal) => Promise<Result<T>>): Promise<Result<T>> {
    const controller = new AbortController();
    if (runId === undefined) return work(controller.signal);
    if (this.running.has(runId)) return err('conflict', `A run with id ${runId} is already in flight; give each test, replay or send its own runId.`, { field: 'runId' });
    this.running.set(runId, controller);
    if (this.cancelledEarly.delete(runId)) controller.abort();
    try {
      return await work(controller.signal);
    } finally {
      this.running.delete(runId);
    }
  }

  /** Stops the run with this id; false when none is in flight (the id is remembered in case its run is still on its way). */
  cancel(runId: string): boolean {
    const controller = this.running.get(runId);
    if (controller) {
      controller.abort();
      return true;
    }
    if (this.cancelledEarly.size >= EARLY_CANCELS) this.cancelledEarly.clear();
    this.cancelledEarly.add(runId);
    return false;
  }
}
