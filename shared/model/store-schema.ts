// TEMPORARY stand-in until the rules branch lands (same exports).
import type { Webhook } from './webhook';
export interface Settings { eventTypeStyle: 'AccessRequestCreated' | 'RequestCreated'; escapeMode: 'html' | 'none' }
export function defaultSettings(): Settings { return { eventTypeStyle: 'AccessRequestCreated', escapeMode: 'html' }; }
export interface StoreDocument { schemaVersion: number; webhooks: Webhook[]; settings: Settings }
export const CURRENT_SCHEMA_VERSION = 2;
export function migrate(doc: unknown): { ok: true; doc: StoreDocument; migratedFrom?: number } | { ok: false; reason: string } {
  return { ok: true, doc: doc as StoreDocument };
}
export function validateStoreDocument(doc: unknown): { ok: true } | { ok: false; reason: string } { void doc; return { ok: true }; }
