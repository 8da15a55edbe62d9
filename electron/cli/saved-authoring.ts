/**
 * What `render` and `lint` take from the data folder: the rendering settings and the samples the user saved.
 *
 * Without them the command line would render and judge templates differently from the app and from `send`
 * (another escape mode or `event_type` spelling), so "the CLI agrees with the app" would not hold.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultSettings, type SavedSample, type Settings, type StoreDocument } from '../../shared/model/store-schema';
import { DATA_FILE_NAME, DataFile } from '../services/storage/data-file';
import { AppException } from '../../shared/api/result';
import type { CliBackend } from './cli-api';
import type { CliIo } from './cli-io';

/** The saved settings and samples that shape rendering and the robustness check. */
export interface SavedAuthoring {
  escapeMode: Settings['escapeMode'];
  eventTypeStyle: Settings['eventTypeStyle'];
  samples: SavedSample[];
}

/** Reads {@link SavedAuthoring} when a command needs it (so template work with explicit flags touches no folder). */
export type LoadAuthoring = () => Promise<SavedAuthoring>;

/** The app's defaults: what a fresh data folder holds. */
export function defaultAuthoring(): SavedAuthoring {
  const { escapeMode, eventTypeStyle } = defaultSettings();
  return { escapeMode, eventTypeStyle, samples: [] };
}

/**
 * Reads the data folder through {@link DataFile}, as every other command does (migrations, validation,
 * notices). A folder without a data file yields the defaults and is not created: rendering a template
 * must not leave a data folder behind on a CI machine.
 */
export async function loadSavedAuthoring(dataDir: string, io: CliIo): Promise<SavedAuthoring> {
  try {
    await stat(join(dataDir, DATA_FILE_NAME));
  } catch (e) {
    // Only "there is none" means defaults; any other trouble is reported by DataFile.open, naming the file.
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return defaultAuthoring();
  }
  const file = await DataFile.open(dataDir);
  for (const notice of file.notices) io.stderr(`Notice: ${notice}\n`);
  return authoringOf(await file.read());
}

/** {@link SavedAuthoring} from a backend already open, through the contract (`settings.get`, `samples.list`). */
export async function authoringThrough(backend: CliBackend): Promise<SavedAuthoring> {
  const [settings, samples] = await Promise.all([backend.api.settings.get(), backend.api.samples.list()]);
  if (!settings.ok) throw new AppException(settings.error);
  if (!samples.ok) throw new AppException(samples.error);
  return authoringOf({ settings: settings.value, samples: samples.value });
}

/** {@link SavedAuthoring} from a data document. */
export function authoringOf(doc: Pick<StoreDocument, 'settings' | 'samples'>): SavedAuthoring {
  return { escapeMode: doc.settings.escapeMode, eventTypeStyle: doc.settings.eventTypeStyle, samples: [...doc.samples] };
}
