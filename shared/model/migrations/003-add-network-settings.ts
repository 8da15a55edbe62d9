/**
 * Migration 3 → 4: adds `settings.network`, the app-wide extra CAs and proxy.
 *
 * Webhooks gain an optional `network` object in version 4; being optional, old webhooks need no change.
 * Settings start with no network settings, which means what version 3 did: the environment alone
 * (NODE_EXTRA_CA_CERTS, HTTPS_PROXY, NO_PROXY). A `network` already there (a hand-edited file) is kept for
 * validation to judge.
 */
import type { Migration } from './migration';
import { isRecord } from '../shape-check';

/** See the file comment. */
export const addNetworkSettings: Migration = {
  from: 3,
  description: 'add app-wide network settings',
  up(doc) {
    // Settings that are not an object are left for validation to report; a migration does not judge data.
    if (!isRecord(doc.settings)) return { ...doc };
    return { ...doc, settings: { ...doc.settings, network: doc.settings.network === undefined ? {} : doc.settings.network } };
  },
};
