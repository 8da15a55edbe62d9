/** The contract's `settings` namespace over the data file. */
import type { SettingsApi } from '../../shared/api/contract';
import { err, ok, type Result } from '../../shared/api/result';
import type { Settings } from '../../shared/model/store-schema';
import type { DataFile } from './storage/data-file';

/** Allowed values per setting; a patch with anything else is refused naming the setting. */
const ALLOWED: { [K in keyof Settings]: readonly Settings[K][] } = {
  eventTypeStyle: ['AccessRequestCreated', 'RequestCreated'],
  escapeMode: ['html', 'none'],
};

export class SettingsService implements SettingsApi {
  constructor(private readonly file: DataFile) {}

  async get(): Promise<Result<Settings>> {
    return ok({ ...(await this.file.read()).settings });
  }

  async update({ patch }: { patch: Partial<Settings> }): Promise<Result<Settings>> {
    for (const [key, value] of Object.entries(patch)) {
      const allowed = (ALLOWED as Record<string, readonly unknown[] | undefined>)[key];
      if (!allowed) return err('invalid-argument', `Unknown setting "${key}".`, { field: key });
      if (!allowed.includes(value)) return err('validation-failed', `${key} must be one of ${allowed.join(', ')}.`, { field: key });
    }
    const next = await this.file.update((doc) => (doc.settings = { ...doc.settings, ...patch }));
    return ok({ ...next });
  }
}
