/**
 * What the history returns: compact summaries for the table, queries, pages, retention and statistics.
 *
 * A summary is what the store keeps in memory per invocation (no bodies, no headers), so the table can be
 * filtered and sorted over hundreds of thousands of rows without reading a single record from disk.
 */
import type { Outcome } from '../delivery/invocation';
import type { DeliveryErrorClass } from '../delivery/errors';

/** One row of the history table. */
export interface InvocationSummary {
  id: string;
  /** ISO 8601 start time. */
  startedAt: string;
  webhookId: string;
  webhookName: string;
  trigger: string;
  outcome: Outcome;
  /** HTTP status of the last webhook call; `null` when no response arrived. */
  status: number | null;
  durationMs: number;
  errorClass: DeliveryErrorClass | null;
  /** The original's id when this invocation is a replay. */
  replayOf?: string;
  /** True when the record was kept without bodies (privacy option). */
  bodiesOmitted?: boolean;
}

/** Columns the table can sort by. */
export const HISTORY_SORT_KEYS = ['time', 'duration', 'status', 'webhook'] as const;
export type HistorySortKey = (typeof HISTORY_SORT_KEYS)[number];

/** A history query; every filter is optional and they combine all-of. */
export interface HistoryQuery {
  webhookId?: string;
  /**
   * The webhook name recorded with each invocation, ignoring case. Finds invocations sent from a definition
   * file (`hooksmith send FILE`), which record no webhook id, and those of webhooks deleted since.
   */
  webhookName?: string;
  outcome?: Outcome;
  trigger?: string;
  /** ISO 8601 or epoch milliseconds: only invocations started at or after this instant. */
  since?: string | number;
  /** ISO 8601 or epoch milliseconds: only invocations started before this instant. */
  until?: string | number;
  /** An exact HTTP status (`404`) or a class (`'4xx'`); `0` means "no response". */
  status?: number | string;
  /**
   * An Apono request id, readable (`AR-123`, the event's `data.friendly_id`) or not (`data.id`), ignoring case:
   * the invocations of that request. Indexed when recorded, so it answers at once at any history size.
   */
  requestId?: string;
  /** The requester's email (the event's `data.requester.email`), ignoring case. Indexed like `requestId`. */
  requester?: string;
  /** Case-insensitive text searched in the URL, request/response headers and bodies (reads the records). */
  text?: string;
  /**
   * Names this query so it can be cancelled while it reads records (a text search over a large history): the
   * history service's cancel with this run id stops it, and the query fails with `cancelled`.
   */
  runId?: string;
  /** Default `time`, newest first. */
  sort?: HistorySortKey;
  /** Default `desc`. */
  direction?: 'asc' | 'desc';
  /** The `nextCursor` of the previous page (stable while new records arrive); wins over `offset`. */
  cursor?: string;
  offset?: number;
  /** Default 100, at most 1000. */
  limit?: number;
}

/** One page of a query. */
export interface HistoryPage {
  items: InvocationSummary[];
  /** How many invocations match the filters in all (a lower bound when `totalAtLeast`). */
  total: number;
  /**
   * True when `total` only counts the matches found so far: a full-text search newest first stops reading
   * once a page is full, so the first page shows in a moment at any history size. Later pages raise it.
   */
  totalAtLeast?: boolean;
  /** Pass as `cursor` to get the next page; absent on the last page. */
  nextCursor?: string;
}

/**
 * Limits the store enforces, dropping the oldest invocations first. `null` disables a limit.
 *
 * Defaults and why: see {@link DEFAULT_RETENTION}.
 */
export interface RetentionPolicy {
  maxRecords: number | null;
  maxAgeDays: number | null;
  maxTotalBytes: number | null;
}

/**
 * Default retention.
 *
 * - 200,000 invocations: the scale the store is built and benchmarked for (its in-memory index stays around
 *   20–30 MB there); a busy webhook firing every few seconds keeps about a week.
 * - 30 days: long enough to look back at "it broke last week" or a monthly access review, short enough that
 *   old payloads (requester names and emails) do not pile up on a laptop forever.
 * - 1 GiB on disk: 200,000 invocations of a typical ~4 KB fit in about 800 MB; the cap only bites when
 *   responses are large (the dispatcher keeps up to 1 MB each), which is exactly when peers bloat to gigabytes.
 */
export const DEFAULT_RETENTION: RetentionPolicy = { maxRecords: 200_000, maxAgeDays: 30, maxTotalBytes: 1024 * 1024 * 1024 };

/** History preferences: retention, and webhooks whose bodies must not be kept. */
export interface HistorySettings {
  retention: RetentionPolicy;
  /** Ids of webhooks whose invocations are stored without event, rendered body or request/response bodies. */
  omitBodiesFor: string[];
}

/** One time bucket of a webhook's chart. */
export interface StatsBucket {
  /** ISO 8601 start of the bucket. */
  start: string;
  count: number;
  /** Successes / count, 0..1. */
  successRate: number;
  p50Ms: number;
  p95Ms: number;
}

/** A webhook's success rate and latency over time. */
export interface WebhookStats {
  webhookId: string;
  bucketMs: number;
  buckets: StatsBucket[];
  total: number;
  successRate: number;
}
