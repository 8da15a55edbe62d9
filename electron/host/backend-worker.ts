/**
 * The backend's own thread: builds the same `createBackend` as the CLI and answers contract calls relayed by the
 * thread that serves the UI (Electron's main process, browser mode's HTTP server; see backend-thread.ts).
 *
 * The history store reads synchronously (opening 200,000 records reads the index for ~0.4 s) and a text search
 * works chunk by chunk: here that blocks only this thread, never the window or the HTTP server.
 */
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { dispatchApiCall } from '../../shared/api/dispatch';
import { err, type Result } from '../../shared/api/result';
import { nodeSecretStore } from '../platform/node-platform';
import { createBackend, type Backend } from '../services/backend';
import { FileSecretStore } from '../services/secrets/file-secret-store';
import { MemorySecretStore, type SecretStore } from '../services/secrets/secret-store';
import { RelayCipher } from './relay-cipher';
import type { BackendInit, FromWorker, ToWorker } from './thread-protocol';

const port = parentPort;
if (!port) throw new Error('backend-worker.js runs only as a worker thread: start it with startBackendThread().');
const init = workerData as BackendInit;
const send = (message: FromWorker) => port.postMessage(message);

/** The store the plan names; the choice itself is made where the platform is known (see `SecretsPlan`). */
function secretStore(cipher: RelayCipher | undefined): SecretStore {
  const plan = init.secrets;
  if (plan.kind === 'node') return nodeSecretStore(init.dataDir, init.env);
  if (plan.kind === 'memory') return new MemorySecretStore(plan.description, plan.notice);
  return new FileSecretStore(join(init.dataDir, 'secrets.json'), cipher!);
}

/** Posts a call's result; a value that cannot be cloned (a bug: results are plain data) still gets an answer. */
function reply(id: number, method: string, result: Result<unknown>): void {
  try {
    send({ type: 'result', id, result });
  } catch (e) {
    send({ type: 'result', id, result: err('internal', `${method} returned a value that cannot reach the UI: ${e instanceof Error ? e.message : String(e)}`) });
  }
}

const cipher = init.secrets.kind === 'relay-cipher' ? new RelayCipher(init.secrets.description, send) : undefined;
let backend: Backend | undefined;
let closing: Promise<void> | undefined;

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'call':
      if (!backend || closing) {
        reply(message.id, message.method, err('internal', `${message.method} arrived while the backend was ${closing ? 'closing' : 'starting'}.`));
        return;
      }
      void dispatchApiCall(backend.api, message.method, message.arg).then((result) => reply(message.id, message.method, result));
      return;
    case 'cipher-reply':
      cipher?.answer(message);
      return;
    case 'close':
      // Fsyncs and closes the history and lets go of its folder lock, stops a capture receiver; then says so.
      closing ??= (backend?.close() ?? Promise.resolve())
        .catch((e: unknown) => void process.stderr.write(`Hooksmith: the backend did not close cleanly: ${e instanceof Error ? e.message : String(e)}\n`))
        .finally(() => send({ type: 'closed' }));
      return;
    case 'ping':
      send({ type: 'pong' });
      return;
    case 'crash':
      if (!init.testHooks) return;
      // Outside any promise, so it is uncaught as a bug in a timer callback would be.
      setImmediate(() => {
        if (message.how === 'throw') throw new Error('crash requested by a test');
        // A loop that never yields, as a bug could write: only the watchdog's terminate ends it.
        if (message.how === 'hang') for (;;);
        // Holds ever more memory until the heap limit (`resourceLimits`) ends the thread.
        const held: number[][] = [];
        for (;;) held.push(Array.from({ length: 1e5 }, (_, i) => i + held.length));
      });
      return;
  }
});

createBackend({ dataDir: init.dataDir, secrets: secretStore(cipher), mode: init.mode, version: init.version, env: init.env, deliveryOptions: init.deliveryOptions }).then(
  (b) => {
    backend = b;
    send({ type: 'ready', notices: [...b.dataFile.notices] });
  },
  (e: unknown) => send({ type: 'failed', message: e instanceof Error ? e.message : String(e) }),
);
