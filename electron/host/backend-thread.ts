/**
 * Runs the backend on a worker thread, so nothing it does can block the thread that serves the UI: Electron's
 * main process (whose blocking freezes the window) and browser mode's HTTP server. That thread only relays
 * contract calls; the `Api` returned here is built from the contract's method list, so the IPC adapter and the
 * web server take it unchanged.
 *
 * Electron loads a worker's script from an asar archive since 17/18 (electron/electron#33216, "initialize asar
 * support in worker threads"), so a packaged app can ship backend-worker.js like index.js.
 *
 * Why a worker thread and not Electron's `utilityProcess`: a worker thread runs the same way in Electron's main
 * process and in plain Node, so browser mode (`out/main/web.js`) exercises this very code in the tests, while a
 * utilityProcess exists only inside Electron, which cannot run on these machines. Either keeps the window
 * responsive; the thread also shares the process's pid, so the history's folder lock (one owner per process)
 * works as before.
 *
 * If the worker dies (an uncaught error, out of memory, terminated) or hangs (a watchdog ends it when four pings
 * in a row, 60 s, go unanswered), every call in flight resolves to a `backend-restarted` error saying so, and a new
 * worker opens the data folder again, so the app keeps working; but not after three deaths in a row soon after
 * starting (see QUICK_DEATHS), which would restart it forever.
 */
import { join } from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { Api, ApiMethodName } from '../../shared/api/contract';
import { createApiClient } from '../../shared/api/client';
import { err, type Result } from '../../shared/api/result';
import type { SecretCipher } from '../services/secrets/file-secret-store';
import { releaseDeadWorkerLock } from './dead-worker-lock';
import type { BackendInit, FromWorker, ToWorker } from './thread-protocol';

/** How long `close()` waits for the backend to fsync and let go of its folder before ending the thread anyway. */
const CLOSE_TIMEOUT_MS = 10_000;
/**
 * How long the worker's event loop may stay without turning before it is taken as hung, ended and started again.
 * The backend yields far more often than this (a search every 8 ms of work; opening 200,000 records, its longest
 * synchronous step, took 0.4–1.6 s here, and happens before the watchdog starts), so only a bug reaches it.
 */
const UNRESPONSIVE_MS = 60_000;
/** Pings per limit: the worker is ended after this many in a row go unanswered. */
const WATCHDOG_PINGS = 4;
/**
 * A worker that dies this soon after it is ready, {@link QUICK_DEATHS} times in a row, is not started again: a
 * crash on every start (a bug in something it runs at once) would otherwise restart it forever, reopening the
 * history each time and answering every call backend-restarted.
 */
const QUICK_DEATH_MS = 10_000;
const QUICK_DEATHS = 3;

export interface BackendThreadOptions extends BackendInit {
  /** Seals and opens secrets for a `relay-cipher` plan: Electron's SafeStorageCipher, on this thread. */
  cipher?: SecretCipher;
  /** The built worker entry; default `backend-worker.js` beside this bundle (out/main). */
  workerFile?: string;
  /** Told why, each time the worker died and a new one is started (browser mode prints it). */
  onRestart?: (why: string) => void;
  /** Heap limits of the worker (tests set a small one to run it out of memory); Node's defaults otherwise. */
  resourceLimits?: ResourceLimits;
  /** How long an open backend may leave the watchdog's pings unanswered before it is ended as hung; default 60 s. */
  unresponsiveMs?: number;
}

export interface BackendThread {
  /** The contract, each call relayed to the worker. */
  api: Api;
  /** The data file's notices when the backend first opened (a file moved aside, a migration). */
  notices: string[];
  /** How many times the worker died and was started again. */
  readonly restarts: number;
  /** Closes the backend (fsync, folder lock, capture receiver) and ends its thread. */
  close(): Promise<void>;
  /**
   * For tests: makes the worker die of an uncaught error (`throw`), of running out of memory (`out-of-memory`, with
   * small `resourceLimits`) or hang until the watchdog ends it (`hang`, with a short `unresponsiveMs`), all with
   * `testHooks`, or ends it from outside (`terminate`). Resolves once it is gone.
   */
  crash(how: CrashKind): Promise<void>;
}

/** How a test makes the worker die. */
export type CrashKind = 'throw' | 'out-of-memory' | 'hang' | 'terminate';

interface Pending {
  method: string;
  resolve: (result: Result<unknown>) => void;
}

/** One worker and the calls it owes. */
interface Link {
  worker: Worker;
  pending: Map<number, Pending>;
  /** Why it died, from its `error` event. */
  failure?: string;
  /** The watchdog's pings sent since the worker last answered one. */
  unanswered: number;
  /** Set when we close it: its exit is then no crash. */
  closing: boolean;
  onClosed?: () => void;
  exited: Promise<void>;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

class ThreadHost {
  private link: Promise<Link>;
  private nextId = 1;
  private closing: Promise<void> | undefined;
  /** Deaths in a row, each soon after its worker was ready. */
  private quickDeaths = 0;
  /** Set once the worker died on every start: why, for every call from then on. */
  private gaveUp: string | undefined;
  restarts = 0;
  notices: string[] = [];

  constructor(private readonly options: BackendThreadOptions) {
    this.link = this.spawn();
  }

  /** Resolves once the current worker's backend is open. */
  async ready(): Promise<void> {
    await this.link;
  }

  /** Starts a worker; resolves once its backend is open, rejects with createBackend's error (for the user). */
  private spawn(): Promise<Link> {
    const { cipher: _cipher, workerFile, onRestart: _onRestart, resourceLimits, unresponsiveMs: _unresponsive, ...init } = this.options;
    const worker = new Worker(workerFile ?? join(__dirname, 'backend-worker.js'), { workerData: init satisfies BackendInit, name: 'hooksmith-backend', resourceLimits });
    const link: Link = { worker, pending: new Map(), unanswered: 0, closing: false, exited: new Promise((r) => worker.once('exit', () => r())) };
    return new Promise<Link>((resolve, reject) => {
      let ready = false;
      let readyAt = 0;
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'ready') {
          ready = true;
          readyAt = Date.now();
          this.notices = message.notices;
          this.watch(link);
          resolve(link);
        } else if (message.type === 'failed') {
          link.closing = true;
          void worker.terminate();
          reject(new Error(message.message));
        } else this.answer(link, message);
      });
      worker.on('error', (e) => (link.failure = messageOf(e)));
      worker.on('exit', (code) => {
        link.onClosed?.();
        if (!ready) {
          // It may have died mid-open, holding locks; the worker the next call starts (see `call`) must not wait
          // them out (every save failing after 15 s) or open the history as a guest for good.
          releaseDeadWorkerLock(this.options.dataDir);
          return reject(new Error(`The backend thread ended before it was ready (${link.failure ?? `exit code ${code}`}).`));
        }
        const failure = link.failure ?? `its thread exited with code ${code}`;
        const why = `The backend stopped (${failure})`;
        if (!link.closing) {
          this.quickDeaths = Date.now() - readyAt < QUICK_DEATH_MS ? this.quickDeaths + 1 : 0;
          if (this.quickDeaths >= QUICK_DEATHS) this.giveUp(failure);
        }
        this.settleAll(link, link.closing ? 'Hooksmith closed' : why);
        if (!link.closing && !this.gaveUp) this.restart(why);
      });
    });
  }

  private answer(link: Link, message: FromWorker): void {
    if (message.type === 'result') {
      const pending = link.pending.get(message.id);
      link.pending.delete(message.id);
      pending?.resolve(message.result);
    } else if (message.type === 'cipher') {
      void this.runCipher(message.op, message.text).then((reply) => {
        if (!link.closing) link.worker.postMessage({ ...reply, type: 'cipher-reply', id: message.id } satisfies ToWorker);
      });
    } else if (message.type === 'closed') link.onClosed?.();
    else if (message.type === 'pong') link.unanswered = 0;
  }

  /**
   * The watchdog: pings the worker four times per limit and ends it when a whole limit's pings went unanswered (a
   * loop that never yields), so the calls it owes answer `backend-restarted` instead of never. Counted in pings,
   * not wall-clock time, so a computer waking from sleep does not take its healthy worker for a hung one.
   */
  private watch(link: Link): void {
    const limit = this.options.unresponsiveMs ?? UNRESPONSIVE_MS;
    const timer = setInterval(() => {
      if (link.unanswered >= WATCHDOG_PINGS) {
        link.failure = `it did not answer for ${Math.round(limit / 1000)} s and was ended`;
        clearInterval(timer);
        void link.worker.terminate();
        return;
      }
      link.unanswered++;
      link.worker.postMessage({ type: 'ping' } satisfies ToWorker);
    }, limit / WATCHDOG_PINGS);
    // Never what keeps the process alive.
    timer.unref();
    link.worker.once('exit', () => clearInterval(timer));
  }

  private async runCipher(op: 'seal' | 'open', text: string): Promise<{ ok: true; text: string } | { ok: false; message: string }> {
    const cipher = this.options.cipher;
    if (!cipher) return { ok: false, message: 'No cipher was given to the backend thread for its secrets.' };
    try {
      return { ok: true, text: await (op === 'seal' ? cipher.seal(text) : cipher.open(text)) };
    } catch (e) {
      return { ok: false, message: messageOf(e) };
    }
  }

  private settleAll(link: Link, why: string): void {
    for (const { method, resolve } of link.pending.values()) {
      resolve(
        link.closing
          ? err('internal', `${why} before ${method} was answered.`)
          : this.gaveUp
            ? err('internal', this.gaveUp)
            : err('backend-restarted', `${why} while answering ${method}; it has been restarted, so try again. Saved data is kept.`),
      );
    }
    link.pending.clear();
  }

  /** Stops starting workers after {@link QUICK_DEATHS} quick deaths: every call says why from now on. */
  private giveUp(failure: string): void {
    this.gaveUp = `The backend stopped ${QUICK_DEATHS} times in a row soon after starting (the last time: ${failure}); it was not started again. Quit and open Hooksmith again; saved data is kept.`;
    releaseDeadWorkerLock(this.options.dataDir);
    this.link = Promise.reject(new Error(this.gaveUp));
    this.link.catch(() => undefined);
  }

  private restart(why: string): void {
    if (this.closing) return;
    this.options.onRestart?.(why);
    releaseDeadWorkerLock(this.options.dataDir);
    this.restarts++;
    this.link = this.spawn();
    // A failed restart is reported by the next call (see `call`), not as an unhandled rejection.
    this.link.catch(() => undefined);
  }

  async call(method: ApiMethodName, arg: unknown): Promise<Result<unknown>> {
    if (this.closing) return err('internal', `${method} was not run: Hooksmith is closing.`);
    if (this.gaveUp) return err('internal', this.gaveUp);
    let link: Link;
    try {
      link = await this.link;
    } catch (e) {
      if (this.gaveUp) return err('internal', this.gaveUp);
      // The restart failed (e.g. the data folder became unreadable): try again at this call, once.
      this.link = this.spawn();
      this.link.catch(() => undefined);
      try {
        link = await this.link;
      } catch {
        return err('backend-restarted', `The backend stopped and could not start again: ${messageOf(e)}`);
      }
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      link.pending.set(id, { method, resolve });
      try {
        link.worker.postMessage({ type: 'call', id, method, arg } satisfies ToWorker);
      } catch (e) {
        link.pending.delete(id);
        resolve(err('invalid-argument', `The argument of ${method} cannot be passed to the backend: ${messageOf(e)}`));
      }
    });
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      const link = await this.link.catch(() => undefined);
      if (!link) return;
      link.closing = true;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, CLOSE_TIMEOUT_MS);
        link.onClosed = () => {
          clearTimeout(timer);
          resolve();
        };
        link.worker.postMessage({ type: 'close' } satisfies ToWorker);
      });
      await link.worker.terminate();
    })();
    return this.closing;
  }

  async crash(how: CrashKind): Promise<void> {
    const link = await this.link;
    if (how === 'terminate') void link.worker.terminate();
    else link.worker.postMessage({ type: 'crash', how } satisfies ToWorker);
    await link.exited;
  }
}

/**
 * Starts the backend's thread and resolves once its backend is open; rejects with `createBackend`'s own error
 * (e.g. a data file from a newer Hooksmith) so the caller can show it.
 */
export async function startBackendThread(options: BackendThreadOptions): Promise<BackendThread> {
  const host = new ThreadHost(options);
  try {
    await host.ready();
  } catch (e) {
    await host.close();
    throw e;
  }
  return {
    api: createApiClient((method, arg) => host.call(method, arg)),
    notices: host.notices,
    get restarts() {
      return host.restarts;
    },
    close: () => host.close(),
    crash: (how) => host.crash(how),
  };
}
