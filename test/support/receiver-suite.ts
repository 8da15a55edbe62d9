/**
 * The setup shared by test files that send to a real HTTPS receiver: the receiver started once per file,
 * a fresh temp folder per test, mocks reset and agents destroyed after; and a backend that trusts it.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createBackend, type Backend, type BackendOptions } from '../../electron/services/backend';
import { destroyAgents } from '../../electron/services/delivery/agents';
import { MemorySecretStore } from '../../electron/services/secrets/secret-store';
import { startReceiver, type Receiver } from '../servers/receiver';
import { tempDir } from './temp-dir';

export interface ReceiverSuite {
  readonly rx: Receiver;
  /** This test's folder. */
  readonly dir: { path: string; cleanup: () => Promise<void> };
}

/**
 * Registers the hooks (call at the top level of a test file); the returned object's members are set once
 * the hooks have run. With `caFile`, each test's folder holds the receiver's CA certificate as `ca.pem`.
 */
export function receiverSuite(opts: { caFile?: boolean } = {}): ReceiverSuite {
  let rx: Receiver | undefined;
  let dir: ReceiverSuite['dir'] | undefined;
  beforeAll(async () => {
    rx = await startReceiver();
  });
  afterAll(async () => {
    destroyAgents();
    await rx?.stop();
  });
  beforeEach(async () => {
    dir = await tempDir();
    if (opts.caFile) await writeFile(join(dir.path, 'ca.pem'), suite.rx.caPem);
  });
  afterEach(async () => {
    await rx?.server.reset();
    await dir?.cleanup();
  });
  const suite: ReceiverSuite = {
    get rx() {
      if (!rx) throw new Error('The receiver is not started yet: use it inside a test or hook.');
      return rx;
    },
    get dir() {
      if (!dir) throw new Error('The temp folder is made before each test: use it inside a test or hook.');
      return dir;
    },
  };
  return suite;
}

/** A web-mode backend over `dataDir` whose deliveries trust the receiver's CA and use no proxy. */
export function backendTrusting(rx: Receiver, opts: Pick<BackendOptions, 'dataDir'> & Partial<Pick<BackendOptions, 'secrets' | 'env'>>): Promise<Backend> {
  return createBackend({
    dataDir: opts.dataDir,
    secrets: opts.secrets ?? new MemorySecretStore(),
    mode: 'web',
    version: 'test',
    env: opts.env ?? {},
    deliveryOptions: { tls: { extraCaPem: [rx.caPem] }, proxy: { mode: 'none' } },
  });
}
