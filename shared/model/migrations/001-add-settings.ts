/**
 * Migration 1 → 2: adds `settings` and renames each webhook's `timeout` to `timeoutSeconds`.
 *
 * Version 1 had no settings, and its `timeout` did not say its unit; the value was already seconds, so it
 * is carried over unchanged and a missing one becomes `null` (Hooksmith's default).
 */
import type { Migration } from './migration';
import { isRecord } from '../shape-check';

/** The defaults as of version 2, frozen here: a later change to defaultSettings() must not rewrite history. */
const V2_DEFAULT_SETTINGS = { eventTypeStyle: 'AccessRequestCreated', escapeMode: 'html' } as const;

/** See the file comment. */
export const addSettings: Migration = {
  from: 1,
  description: 'add settings; rename webhook timeout to timeoutSeconds',
  up(doc) {
    // Entries that are not objects are left for validation to report; a migration does not judge data.
    const webhooks = Array.isArray(doc.webhooks) ? doc.webhooks.map((w: unknown) => (isRecord(w) ? renameTimeout(w) : w)) : doc.webhooks;
    return { ...doc, webhooks, settings: isRecord(doc.settings) ? doc.settings : { ...V2_DEFAULT_SETTINGS } };
  },
};

function renameTimeout(webhook: Record<string, unknown>): Record<string, unknown> {
  const { timeout, ...rest } = webhook;
  if ('timeoutSeconds' in rest) return rest;
  return { ...rest, timeoutSeconds: timeout === undefined ? null : timeout };
}
