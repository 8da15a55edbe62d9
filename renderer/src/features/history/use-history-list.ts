/**
 * The rows of the history table: the first page for the current query, further pages through the API's
 * cursor as the user scrolls, and a "searching" flag while a full-text query runs (it reads records from
 * disk, so it can take a second or two at 200,000).
 *
 * Each new query gets a sequence number; answers to an older one are dropped, so typing fast never shows the
 * rows of a previous search. A text search also gets a run id, and one the user has moved on from (a new query,
 * leaving the page) is cancelled with `delivery.cancel`: it would otherwise go on reading the whole history in the
 * backend, slowing the search the user is waiting for.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HistoryQuery, InvocationSummary } from '../../../../shared/history/types';
import { api } from '../../lib/api';

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
  loadMore(): void;
  reload(): void;
}

/** Makes this tab's search run ids unique among the runs of the backend, which other tabs and windows share. */
const TAB = Math.random().toString(36).slice(2, 10);

export function useHistoryList(query: HistoryQuery | null): HistoryList {
  const [rows, setRows] = useState<InvocationSummary[]>([]);
  const [total, setTotal] = useState(0);
  const [totalAtLeast, setTotalAtLeast] = useState(false);
  const [cursor, setCursor] = useState<string | undefined>();
  const [loading, setLoading] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  const seq = useRef(0);
  const key = JSON.stringify(query);

  useEffect(() => {
    if (!query) return;
    const mine = ++seq.current;
    setLoading(true);
    setLoadingMore(false);
    const runId = query.text ? `history-search-${TAB}-${mine}` : undefined;
    let answered = false;
    void api.history.list(runId ? { ...query, runId } : query).then((r) => {
      answered = true;
      if (mine !== seq.current) return;
      setLoading(false);
      if (!r.ok) {
        setError(r.error.message);
        return;
      }
      setError(null);
      setRows(r.value.items);
      setTotal(r.value.total);
      setTotalAtLeast(r.value.totalAtLeast === true);
      setCursor(r.value.nextCursor);
    });
    return () => {
      if (runId && !answered) void api.delivery.cancel({ runId });
    };
    // `key` stands for `query`: a new object with the same filters must not refetch.
  }, [key, reloads]);

  const loadMore = useCallback(() => {
    if (!query || !cursor || loading || loadingMore) return;
    const mine = seq.current;
    setLoadingMore(true);
    void api.history.list({ ...query, cursor }).then((r) => {
      if (mine !== seq.current) return;
      setLoadingMore(false);
      if (!r.ok) {
        setError(r.error.message);
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
  }, [key, cursor, loading, loadingMore]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  return { rows, total, totalAtLeast, loading, loadingMore, hasMore: cursor !== undefined, error, loadMore, reload };
}
