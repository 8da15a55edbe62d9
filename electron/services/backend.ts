/**
 * The composition root of the backend services, shared by the Electron main process, browser mode and the CLI.
 *
 * Platform differences (data folder, secret store) come in as arguments; nothing here imports `electron`.
 */
import type { Api, AppInfo } from '../../shared/api/contract';
import { ok } from '../../shared/api/result';
import { DataFile } from './storage/data-file';
import type { SecretStore } from './secrets/secret-store';
import { SettingsService } from './settings-service';
import { SimulatorService } from './simulator-service';
import { WebhookService } from './webhook-service';

export interface BackendOptions {
  dataDir: string;
  secrets: SecretStore;
  mode: AppInfo['mode'];
  version: string;
  env: Readonly<Record<string, string | undefined>>;
}

export interface Backend {
  api: Api;
  webhooks: WebhookService;
  settings: SettingsService;
  dataFile: DataFile;
  options: BackendOptions;
}

/** Opens the data folder and wires the services. Notices (backups, migrations) surface through `app.info`. */
export async function createBackend(options: BackendOptions): Promise<Backend> {
  const dataFile = await DataFile.open(options.dataDir);
  const webhooks = new WebhookService(dataFile, options.secrets);
  const settings = new SettingsService(dataFile);
  const notices = [...dataFile.notices, ...(options.secrets.notice ? [options.secrets.notice] : [])];
  const api: Api = {
    app: {
      info: async () =>
        ok({ version: options.version, mode: options.mode, dataDir: options.dataDir, notices, secretStorage: options.secrets.description }),
    },
    webhooks,
    settings,
    simulator: new SimulatorService(),
  };
  return { api, webhooks, settings, dataFile, options };
}
