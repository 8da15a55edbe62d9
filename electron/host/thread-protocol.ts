/**
 * The messages between the thread that serves the UI and the backend's worker thread (see backend-thread.ts).
 *
 * Both sides import these types, so a message one side sends and the other does not read is a type error.
 * Everything here must survive the structured clone of `postMessage`: plain data, no functions or class instances.
 */
import type { AppInfo } from '../../shared/api/contract';
import type { Result } from '../../shared/api/result';
import type { DeliverOptions } from '../services/delivery/deliver';

/**
 * How the worker keeps secrets. The decision stays where the platform is known (Electron's main process, browser
 * mode's entry); the worker only builds the store it is told to.
 */
export type SecretsPlan =
  /** Browser mode: `nodeSecretStore(dataDir, env)`, an AES-GCM file with HOOKSMITH_SECRET_KEY or memory. */
  | { kind: 'node' }
  /**
   * The desktop app with a keychain: `secrets.json` sealed by a cipher that lives on the main thread (Electron's
   * safeStorage exists only there), reached through `cipher` messages.
   */
  | { kind: 'relay-cipher'; description: string }
  /** No keychain: typed secrets kept in the worker's memory for this session, and the UI told so once. */
  | { kind: 'memory'; description: string; notice?: string };

/** What the worker needs to build its backend: `BackendOptions` minus what cannot cross a thread. */
export interface BackendInit {
  dataDir: string;
  mode: AppInfo['mode'];
  version: string;
  env: Readonly<Record<string, string | undefined>>;
  secrets: SecretsPlan;
  /** TLS/proxy options for deliveries (tests pass their CA); a signal or a token cache cannot cross threads. */
  deliveryOptions?: Omit<DeliverOptions, 'signal' | 'tokenCache'>;
  /** Lets tests make the worker fail (`crash`): an uncaught error as a bug would throw, running out of memory, or hanging. */
  testHooks?: boolean;
}

/** Main thread → worker. */
export type ToWorker =
  | { type: 'call'; id: number; method: string; arg: unknown }
  | { type: 'cipher-reply'; id: number; ok: true; text: string }
  | { type: 'cipher-reply'; id: number; ok: false; message: string }
  | { type: 'close' }
  /** The watchdog's question: a worker whose event loop turns answers `pong` at once. */
  | { type: 'ping' }
  | { type: 'crash'; how: 'throw' | 'out-of-memory' | 'hang' };

/** Worker → main thread. */
export type FromWorker =
  /** The backend is open; `notices` are the data file's at start (browser mode prints them). */
  | { type: 'ready'; notices: string[] }
  /** `createBackend` threw (e.g. a data file from a newer Hooksmith): the message is for the user. */
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'cipher'; id: number; op: 'seal' | 'open'; text: string }
  | { type: 'pong' }
  | { type: 'closed' };
