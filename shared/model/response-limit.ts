/**
 * How much of a response body a delivery keeps (issue 4 #6): the rest is counted, not kept, and the record
 * says `truncated` with the full size.
 *
 * One app-wide setting (Settings → `maxResponseBytes`), which `hooksmith send --max-response SIZE` can
 * override for one send. Units are binary, as {@link formatBytes} shows them: 1 KB = 1,024 bytes,
 * 1 MB = 1,048,576 bytes.
 */
import type { FieldIssue } from '../api/result';

export const KB = 1024;
export const MB = 1024 * 1024;
/** What the issue asks for by default. */
export const DEFAULT_MAX_RESPONSE_BYTES = MB;
/** Below this, even an error page's first lines would be cut. */
export const MIN_MAX_RESPONSE_BYTES = KB;
/** Above this, one record could hold hundreds of megabytes in memory and in the history. */
export const MAX_MAX_RESPONSE_BYTES = 100 * MB;

export const SIZE_UNITS = { bytes: 1, KB, MB } as const;
export type SizeUnit = keyof typeof SIZE_UNITS;

const RULE = 'a whole number of bytes from 1 KB to 100 MB, such as 1048576, 512 KB or 2 MB';

/** Checks a limit in bytes; `label` is how the message names it (a setting, or a CLI flag). */
export function checkMaxResponseBytes(value: unknown, field = 'maxResponseBytes', label = 'Response body limit'): FieldIssue[] {
  if (typeof value !== 'number' || !Number.isFinite(value)) return [{ field, message: `${label} must be ${RULE}.` }];
  if (!Number.isInteger(value)) return [{ field, message: `${label} must be a whole number of bytes; ${value} is not (1 KB = 1024 bytes, 1 MB = 1048576 bytes).` }];
  if (value < MIN_MAX_RESPONSE_BYTES || value > MAX_MAX_RESPONSE_BYTES) {
    return [{ field, message: `${label} must be from 1 KB to 100 MB (1024 to 104857600 bytes); ${value} bytes is ${value < MIN_MAX_RESPONSE_BYTES ? 'too small' : 'too large'}.` }];
  }
  return [];
}

/** Reads `2MB`, `2 MB`, `512kb`, `1.5 MB` or a plain number of bytes; `null` when the text is none of these. */
export function parseByteSize(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|bytes?|kb|mb)?\s*$/i.exec(text);
  if (!m) return null;
  const unit = (m[2] ?? 'b').toLowerCase();
  const factor = unit === 'kb' ? KB : unit === 'mb' ? MB : 1;
  return Number(m[1]) * factor;
}

/** The largest unit that shows `bytes` exactly, for a form with a number and a unit. */
export function splitByteSize(bytes: number): { amount: number; unit: SizeUnit } {
  if (bytes % MB === 0) return { amount: bytes / MB, unit: 'MB' };
  if (bytes % KB === 0) return { amount: bytes / KB, unit: 'KB' };
  return { amount: bytes, unit: 'bytes' };
}
