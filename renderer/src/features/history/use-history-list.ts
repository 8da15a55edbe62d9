/**
 * The rows of the history table: the first page for the current query, further pages through the API's
 * cursor as the user scrolls, and a "searching" flag while a full-text query runs (it reads records from
 * disk, so it can take a second or two at 200,000).
 *
 * Each new query gets a sequence number; answers to an older one are dropped, so typing fast never shows the
 * rows of a previous search. A text search runs under a run id: when the query changes (each keystroke, after the
 * debounce), the page closes, or the user presses Stop, the search still reading is cancelled through
 * `delivery.cancel`, so abandoned scans of the whole history do not pile up behind the one the user waits for.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HistoryQuery, InvocationSummary } from '../../../../shared/history/types';
import { api } from '../../lib/api';
import { newRunId } from '../../lib/run-id';

export interface HistoryList {
  rows: InvocationSummary[];
  total: number;
  /** `total` counts the matches a text search found so far (it stops reading once a page is full). */
  totalAtLeast: boolean;
  /** A query (first page) is running. */
  loading: boolean;
  /** A next page is being fetched. */
  loadingMore: boolean;
  hasMore: boolean;
  error: string | null;
  /** The user stopped the last text search (the rows are what it had found: none, or earlier pages). */
  stopped: boolean;
  /** Stops a running text search. */
  stop(): void;
  loadMore(): void;
  reload(): void;
}

export function useHistoryList(query: HistoryQuery | null): HistoryList {
  const [rows, setRows] = useState<InvocationSummary[]>([]);
  const [total, setTotal] = useState(0);
  const [totalAtLeast, setTotalAtLeast] = useState(false);
  const [cursor, setCursor] = useState<string | undefined>();
  const [loading, setLoading] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  const [stopped, setStopped] = useState(false);
  const seq = useRef(0);
  /** The text search reading now, to cancel when it is superseded or stopped. */
  const scan = useRef<string | null>(null);
  const key = JSON.stringify(query);

  const cancelScan = useCallback(() => {
    const runId = scan.current;
    scan.current = null;
    if (runId) void api.delivery.cancel({ runId });
  }, []);

  /** Lists with a run id when the query reads records (a text search), so it can be cancelled. */
  const listing = useCallback(
    (q: HistoryQuery) => {
      cancelScan();
      if (q.text === undefined) return api.history.list(q);
      const runId = newRunId();
      scan.current = runId;
      return api.history.list({ ...q, runId }).finally(() => {
        if (scan.current === runId) scan.current = null;
      });
    },
    [cancelScan],
  );

  // Leaving the page stops the search it started.
  useEffect(() => cancelScan, [cancelScan]);

  useEffect(() => {
    if (!query) return;
    const mine = ++seq.current;
    setLoading(true);
    setLoadingMore(false);
    setStopped(false);
    void listing(query).then((r) => {
      if (mine !== seq.current) return;
      setLoading(false);
      if (!r.ok) {
        if (r.error.code === 'cancelled') {
          setStopped(true);
          setRows([]);
          setTotal(0);
          setCursor(undefined);
          return;
        }
        setError(r.error.message);
        return;
      }
      setError(null);
      setRows(r.value.items);
      setTotal(r.value.total);
      setTotalAtLeast(r.value.totalAtLeast === true);
      setCursor(r.value.nextCursor);
    });
    // `key` stands for `query`: a new object with the same filters must not refetch.
  }, [key, reloads]);

  const loadMore = useCallback(() => {
    if (!query || !cursor || loading || loadingMore) return;
    const mine = seq.current;
    setLoadingMore(true);
    void listing({ ...query, cursor }).then((r) => {
      if (mine !== seq.current) return;
      setLoadingMore(false);
      if (!r.ok) {
        if (r.error.code === 'cancelled') setStopped(true);
        else setError(r.error.message);
        return;
      }
      setRows((old) => {
        // A cursor page never repeats rows, but a reload racing a scroll could; keep ids unique.
        const seen = new Set(old.map((x) => x.id));
        return [...old, ...r.value.items.filter((x) => !seen.has(x.id))];
      });
      setTotal(r.value.total);
      setTotalAtLeast(r.value.totalAtLeast === true);
      setCursor(r.value.nextCursor);
    });
  }, [key, cursor, loading, loadingMore, listing]);

  /** Stops at once: the backend is told to stop reading, and whatever it still sends for this query is dropped. */
  const stop = useCallback(() => {
    if (!scan.current) return;
    cancelScan();
    seq.current++;
    if (loading) {
      // Stopped before its first page: the rows on screen belong to the previous query, so they go.
      setRows([]);
      setTotal(0);
      setTotalAtLeast(false);
      setCursor(undefined);
    }
    setLoading(false);
    setLoadingMore(false);
    setStopped(true);
  }, [cancelScan, loading]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  return { rows, total, totalAtLeast, loading, loadingMore, hasMore: cursor !== undefined, error, stopped, stop, loadMore, reload };
}
