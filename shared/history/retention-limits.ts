/**
 * Retention limits as the user types them (History settings): one box per limit, blank for "no limit", the
 * disk size in whole MB. Parsed here, apart from the dialog, so the rule is written once and tested alone.
 */
import type { RetentionPolicy } from './types';

/** One box of the form. */
export type RetentionField = 'maxRecords' | 'maxAgeDays' | 'maxTotalMb';
/** The boxes' text, by field. */
export type RetentionText = Record<RetentionField, string>;

export const RETENTION_FIELDS: readonly RetentionField[] = ['maxRecords', 'maxAgeDays', 'maxTotalMb'];
/** Each box's label, which its messages name. */
export const RETENTION_LABELS: Readonly<Record<RetentionField, string>> = { maxRecords: 'Max invocations', maxAgeDays: 'Max age (days)', maxTotalMb: 'Max disk size (MB)' };

const MB = 1024 * 1024;

/** The boxes' text for a saved policy (a limit that is not set is a blank box). */
export function retentionText(policy: RetentionPolicy): RetentionText {
  return {
    maxRecords: policy.maxRecords?.toString() ?? '',
    maxAgeDays: policy.maxAgeDays?.toString() ?? '',
    maxTotalMb: policy.maxTotalBytes === null ? '' : String(Math.round(policy.maxTotalBytes / MB)),
  };
}

/** A positive whole number (digit-group separators allowed), or null for a blank box; a string is the message. */
function parseLimit(field: RetentionField, text: string): number | null | string {
  const t = text.trim().replace(/[,_\s]/g, '');
  if (t === '') return null;
  if (!/^\d+$/.test(t) || Number(t) < 1) return `${RETENTION_LABELS[field]}: "${text.trim()}" is not a whole number above 0; enter one, or leave it blank for no limit.`;
  return Number(t);
}

/** The policy the boxes describe, or a message per box at fault (naming the box and the fix). */
export function parseRetention(text: RetentionText): { ok: true; retention: RetentionPolicy } | { ok: false; issues: Partial<Record<RetentionField, string>> } {
  const issues: Partial<Record<RetentionField, string>> = {};
  const values: Partial<Record<RetentionField, number | null>> = {};
  for (const field of RETENTION_FIELDS) {
    const v = parseLimit(field, text[field]);
    if (typeof v === 'string') issues[field] = v;
    else values[field] = v;
  }
  if (Object.keys(issues).length > 0) return { ok: false, issues };
  const mb = values.maxTotalMb ?? null;
  return { ok: true, retention: { maxRecords: values.maxRecords ?? null, maxAgeDays: values.maxAgeDays ?? null, maxTotalBytes: mb === null ? null : mb * MB } };
}
