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
import { DataFile } from './storage/data-file';
import type { SecretStore } from './secrets/secret-store';
import { SamplesService } from './samples-service';
import { SettingsService } from './settings-service';
import { WebhookService } from './webhook-service';

export interface BackendOptions {
  dataDir: string;
  secrets: SecretStore;
  mode: AppInfo['mode'];
  version: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Defaults for every delivery (tests pass their receiver's CA); normally absent. */
  deliverDefaults?: DeliverOptions;
}

/** How many invocations the in-memory list keeps. */
const RECENT_LIMIT = 50;

export interface Backend {
  api: Api;
  webhooks: WebhookService;
  settings: SettingsService;
  samples: SamplesService;
  delivery: DeliveryService;
  /** The last invocations, newest last (stand-in for the history store). */
  recentInvocations: InvocationRecord[];
  dataFile: DataFile;
  options: BackendOptions;
}

/** Opens the data folder and wires the services. Notices (backups, migrations) surface through `app.info`. */
export async function createBackend(options: BackendOptions): Promise<Backend> {
  const dataFile = await DataFile.open(options.dataDir);
  const webhooks = new WebhookService(dataFile, options.secrets);
  const settings = new SettingsService(dataFile);
  const samples = new SamplesService(dataFile);
  // TODO(history): the history store (services/history/invocation-store.ts, `append(record)`) replaces this
  // in-memory list as the sink; until then tests and the CLI read `recentInvocations`.
  const recentInvocations: InvocationRecord[] = [];
  const recordInvocation = async (record: InvocationRecord) => {
    recentInvocations.push(record);
    if (recentInvocations.length > RECENT_LIMIT) recentInvocations.splice(0, recentInvocations.length - RECENT_LIMIT);
  };
  const delivery = new DeliveryService({ file: dataFile, secrets: options.secrets, env: options.env, recordInvocation, deliverDefaults: options.deliverDefaults });
  const notices = [...dataFile.notices, ...(options.secrets.notice ? [options.secrets.notice] : [])];
  const api: Api = {
    app: {
      info: async () =>
        ok({ version: options.version, mode: options.mode, dataDir: options.dataDir, notices, secretStorage: options.secrets.description }),
    },
    webhooks,
    settings,
    samples,
    delivery,
  };
  return { api, webhooks, settings, samples, delivery, recentInvocations, dataFile, options };
}
