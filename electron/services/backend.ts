/**
 * The composition root of the backend services, shared by the Electron main process, browser mode and the CLI.
 *
 * Platform differences (data folder, secret store) come in as arguments; nothing here imports `electron`.
 */
import type { Api, AppInfo } from '../../shared/api/contract';
import { ok } from '../../shared/api/result';
import type { InvocationRecord } from '../../shared/delivery/invocation';
import type { DeliverOptions } from './delivery/deliver';
import { DeliveryService } from './delivery-service';
import { TokenCache } from './delivery/oauth2';
import { DataFile } from './storage/data-file';
import type { SecretStore } from './secrets/secret-store';
import { SamplesService } from './samples-service';
import { SettingsService } from './settings-service';
import { SimulatorService } from './simulator-service';
import { WebhookService } from './webhook-service';
import { HistoryService } from './history-service';
import { RunRegistry } from './run-registry';
import { CaptureService } from './capture-service';

export interface BackendOptions {
  dataDir: string;
  secrets: SecretStore;
  mode: AppInfo['mode'];
  version: string;
  env: Readonly<Record<string, string | undefined>>;
  /** TLS/proxy options for deliveries and replays (tests pass their CA). */
  deliveryOptions?: DeliverOptions;
}

export interface Backend {
  api: Api;
  webhooks: WebhookService;
  settings: SettingsService;
  samples: SamplesService;
  delivery: DeliveryService;
  history: HistoryService;
  capture: CaptureService;
  dataFile: DataFile;
  options: BackendOptions;
  /** Lets go of the data folder (the history store's files and lock); the process may then exit or another open it. */
  close(): Promise<void>;
}

/** Opens the data folder and wires the services. Notices (backups, migrations) surface through `app.info`. */
export async function createBackend(options: BackendOptions): Promise<Backend> {
  const dataFile = await DataFile.open(options.dataDir);
  const webhooks = new WebhookService(dataFile, options.secrets);
  const settings = new SettingsService(dataFile);
  const samples = new SamplesService(dataFile);
  // The history lives in <dataDir>/history, apart from the lowdb file (see docs/history.md for why).
  // One registry of cancellable runs for tests, replays and sends: `delivery.cancel` reaches each of them.
  const runs = new RunRegistry();
  // One OAuth2 token cache for tests and replays: a replay reuses a live token a test fetched.
  const tokenCache = new TokenCache();
  const history = new HistoryService({ dataDir: options.dataDir, dataFile, secrets: options.secrets, webhooks, env: options.env, version: options.version, deliveryOptions: options.deliveryOptions, runs, tokenCache });
  // Every test and CLI send is recorded in the history.
  const recordInvocation = async (record: InvocationRecord) => void history.record(record);
  const delivery = new DeliveryService({ file: dataFile, secrets: options.secrets, env: options.env, recordInvocation, deliverDefaults: options.deliveryOptions, runs, tokenCache });
  const capture = new CaptureService({ dataDir: options.dataDir, settings, samples, webhooks, env: options.env });
  // Read at each call: the data file can add a notice while running (a file broken by an outside edit).
  const notices = () => [
    ...dataFile.notices,
    ...(options.secrets.notice ? [options.secrets.notice] : []),
    ...history.store.recovery.map((r) => `History: ${r}`),
  ];
  const api: Api = {
    app: {
      info: async () =>
        ok({ version: options.version, mode: options.mode, dataDir: options.dataDir, notices: notices(), secretStorage: options.secrets.description }),
    },
    webhooks,
    settings,
    samples,
    delivery,
    history,
    simulator: new SimulatorService(),
    capture,
  };
  return {
    api, webhooks, settings, samples, delivery, history, capture, dataFile, options,
    // The history first, synchronously: Electron's will-quit cannot wait for the capture receiver to close.
    close: async () => {
      history.store.close();
      await capture.close();
    },
  };
}
