/** The contract's `settings` namespace over the data file. */
import type { SettingsApi } from '../../shared/api/contract';
import { err, ok, validationFailed, type FieldIssue, type Result } from '../../shared/api/result';
import { checkGlobalNetwork, readGlobalNetwork, type GlobalNetwork } from '../../shared/model/network';
import { checkMaxResponseBytes } from '../../shared/model/response-limit';
import type { Settings } from '../../shared/model/store-schema';
import type { DataFile } from './storage/data-file';

type EnumSetting = Exclude<keyof Settings, 'network' | 'maxResponseBytes'>;

/** Allowed values per enum setting; a patch with anything else is refused naming the setting. */
const ALLOWED: { [K in EnumSetting]: readonly Settings[K][] } = {
  eventTypeStyle: ['AccessRequestCreated', 'RequestCreated'],
  escapeMode: ['html', 'none'],
};

/** The fields of the `network` setting (GlobalNetwork); the patch replaces it whole. */
const NETWORK_KEYS: readonly string[] = ['extraCaPem', 'proxyUrl'] satisfies ReadonlyArray<keyof GlobalNetwork>;

export class SettingsService implements SettingsApi {
  constructor(private readonly file: DataFile) {}

  async get(): Promise<Result<Settings>> {
    const s = (await this.file.read()).settings;
    return ok({ ...s, network: { ...s.network } });
  }

  async update({ patch }: { patch: Partial<Settings> }): Promise<Result<Settings>> {
    const next: Partial<Settings> = {};
    for (const [key, value] of Object.entries(patch)) {
      if (key === 'network') {
        // `network` is replaced whole: the settings page sends both fields, and an empty one clears it.
        const issues: FieldIssue[] = [];
        // A key the page never sends (`proxyURL`, `__proto__`) would be dropped silently: name it instead.
        const unknown = value !== null && typeof value === 'object' ? Object.keys(value).find((k) => !NETWORK_KEYS.includes(k)) : undefined;
        if (unknown !== undefined) return err('invalid-argument', `Unknown network setting "${unknown}" — use ${NETWORK_KEYS.join(' or ')}.`, { field: `network.${unknown}` });
        const network = readGlobalNetwork(value, 'network', issues);
        if (network) issues.push(...checkGlobalNetwork(network));
        if (!network || issues.length) return validationFailed(issues, 'The network settings');
        next.network = network;
        continue;
      }
      if (key === 'maxResponseBytes') {
        const issues = checkMaxResponseBytes(value);
        if (issues.length) return validationFailed(issues, 'The settings');
        next.maxResponseBytes = value as number;
        continue;
      }
      // Own properties only: `toString` or `__proto__` would otherwise find Object.prototype's members.
      const allowed = Object.hasOwn(ALLOWED, key) ? (ALLOWED as Record<string, readonly unknown[]>)[key] : undefined;
      if (!allowed) return err('invalid-argument', `Unknown setting "${key}".`, { field: key });
      if (!allowed.includes(value)) return err('validation-failed', `${key} must be one of ${allowed.join(', ')}.`, { field: key });
      (next as Record<string, unknown>)[key] = value;
    }
    const saved = await this.file.update((doc) => (doc.settings = { ...doc.settings, ...next }));
    return ok({ ...saved, network: { ...saved.network } });
  }
}
