// TEMPORARY stand-in until the rules branch lands (same signature).
import type { FieldIssue } from '../api/result';
import type { WebhookInput } from './webhook';
export function validateWebhookInput(input: unknown, opts: { existingNames?: string[] } = {}): { value?: WebhookInput; issues: FieldIssue[] } {
  const w = input as WebhookInput;
  const issues: FieldIssue[] = [];
  if (!w.name) issues.push({ field: 'name', message: 'Name is required.' });
  if (opts.existingNames?.some((n) => n.toLowerCase() === w.name.toLowerCase())) issues.push({ field: 'name', message: 'taken' });
  if (!/^https:\/\//.test(w.url)) issues.push({ field: 'url', message: 'URL must use https://' });
  return issues.some((i) => i.severity !== 'warning') ? { issues } : { value: w, issues };
}
