/**
 * One deadline for a whole delivery. Issue 4 (Deliver #1): "the webhook's timeout bounds the whole exchange",
 * so the OAuth2 token call, the webhook call and a refresh-and-retry share the webhook's timeout: each call
 * gets the time left, and a timeout says which call it hit and that the calls shared the budget.
 */
import type { DeliveryError } from '../../../shared/delivery/errors';
import type { SendOptions } from './dispatcher';

// The global `performance` (the same clock as node:perf_hooks), so tests can drive it with fake timers.
export class Deadline {
  private readonly endsAt: number;

  constructor(private readonly budgetMs: number) {
    this.endsAt = performance.now() + budgetMs;
  }

  /** Whole milliseconds left; 0 once the deadline has passed. */
  remainingMs(): number {
    return Math.max(0, Math.floor(this.endsAt - performance.now()));
  }

  /** `options` for the next call, bounded by the time left (connect timeout included, see the dispatcher). */
  bound(options: SendOptions): SendOptions {
    return { ...options, timeoutMs: this.remainingMs() };
  }

  private get budget(): string {
    const s = this.budgetMs / 1000;
    return `the webhook's ${Number.isInteger(s) ? s : s.toFixed(1)} s timeout`;
  }

  /** The failure when the time ran out before `call` (e.g. "the webhook call") could start. */
  ranOutBefore(call: string): DeliveryError {
    return {
      errorClass: 'response-timeout',
      message: `${this.budget.replace(/^t/, 'T')} ran out before ${call} could start: the token request and the earlier calls used all of it.`,
      hint: 'The timeout covers the token request and the webhook call together: raise "Timeout in seconds", or make the token endpoint answer sooner.',
    };
  }

  /** A timeout of `call`, restated when earlier calls (`shared`) took part of the budget; any other error unchanged. */
  explain(error: DeliveryError | null, call: string, shared: boolean): DeliveryError | null {
    if (!error || !shared || (error.errorClass !== 'connect-timeout' && error.errorClass !== 'response-timeout')) return error;
    return { ...error, message: `${error.message.replace(/\.$/, '')} in ${call}: ${this.budget} covers the token request and the webhook call together.` };
  }
}
