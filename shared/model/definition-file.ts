// TEMPORARY stand-in until the rules branch lands (same signatures).
import type { FieldIssue } from '../api/result';
import type { WebhookInput } from './webhook';
export const DEFINITION_SCHEMA_VERSION = 1;
export function parseDefinitionFile(text: string, opts: { existingNames?: string[] } = {}): { webhooks: WebhookInput[]; issues: FieldIssue[] } {
  void opts;
  const v = JSON.parse(text) as WebhookInput | WebhookInput[];
  return { webhooks: Array.isArray(v) ? v : [v], issues: [] };
}
export function serializeDefinitionFile(webhooks: WebhookInput[]): string {
  return JSON.stringify(webhooks.length === 1 ? { schemaVersion: 1, ...webhooks[0] } : webhooks.map((w) => ({ schemaVersion: 1, ...w })), null, 2) + '\n';
}
