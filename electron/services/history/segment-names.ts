/**
 * The history folder's file names and the index's line shapes: segments (`seg-000001.jsonl`), the marks guests
 * leave beside theirs, and the tuple a record is indexed by.
 */
import { readdirSync } from 'node:fs';
import type { InvocationRecord } from '../../../shared/delivery/invocation';
import { BODIES_OMITTED, type IndexTuple } from './index-columns';

export const segmentName = (n: number) => `seg-${String(n).padStart(6, '0')}.jsonl`;
/** Beside a segment a guest created: an owner opening later must not append to it (the guest may still be). */
export const guestMarkName = (n: number) => `seg-${String(n).padStart(6, '0')}.guest`;

/** An index line: a record's tuple, a tombstone, or (first line of a rewritten index) how far each segment was read. */
export type IndexLine = IndexTuple | { del: string[] } | { ends: Record<string, number> };

export function listSegments(dir: string): number[] {
  return readdirSync(dir)
    .map((f) => /^seg-(\d+)\.jsonl$/.exec(f)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

export function tupleOf(rec: InvocationRecord, segment: number, offset: number, length: number): IndexTuple {
  return [
    rec.id,
    Date.parse(rec.startedAt) || 0,
    rec.webhookId,
    rec.webhookName,
    rec.trigger,
    rec.outcome === 'Success' ? 1 : 0,
    rec.response ? rec.response.status : null,
    rec.durationMs,
    rec.error ? rec.error.errorClass : null,
    segment,
    offset,
    length,
    rec.bodiesOmitted ? BODIES_OMITTED : 0,
    rec.replayOf ?? null,
  ];
}
