/**
 * The History page: every invocation kept, filtered, searched and sorted in a virtualized table; a row opens
 * the same invocation panel as the Test bar, with replay and export; per webhook, a health chart.
 * `#/history?webhook=ID` opens it filtered to one webhook.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { EMPTY_FILTERS, buildHistoryQuery, type HistoryFilters } from '../../../../shared/history/filters';
import type { Webhook } from '../../../../shared/model/webhook';
import { api } from '../../lib/api';
import { navigate, routeHref } from '../../app/use-route';
import { InvocationPanel } from '../test-panel/invocation-panel';
import { ClearHistoryDialog, DeleteInvocation } from './delete-controls';
import { FilterBar } from './history-filters';
import { HistoryTable, type SortState } from './history-table';
import { ImportDialog } from './import-dialog';
import { InvocationActions } from './invocation-actions';
import { ReplayDiffDialog } from './replay-diff-dialog';
import { SettingsDialog } from './settings-dialog';
import { StatsChart } from './stats-chart';
import { useHistoryList } from './use-history-list';
import { useInvocationView } from './use-invocation-view';
import { useTableHeight } from './use-table-height';
import '../test-panel/test-panel.css';
import './history.css';

const SEARCH_DEBOUNCE_MS = 350;

/** `openSettings` (from `#/history?settings=retention`, linked from the Settings page) opens the retention dialog. */
export function HistoryPage({ webhookId = '', openSettings = false }: { webhookId?: string; openSettings?: boolean }) {
  const [webhooks, setWebhooks] = useState<Webhook[]>([]);
  const [filters, setFilters] = useState<HistoryFilters>({ ...EMPTY_FILTERS, webhookId });
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<SortState>({ key: 'time', direction: 'desc' });
  // Relative ranges ("last hour") are anchored when the filters change, so a re-render never refetches.
  const [anchor, setAnchor] = useState(() => Date.now());
  const [dialog, setDialog] = useState<'import' | 'settings' | 'clear' | null>(openSettings ? 'settings' : null);
  const [version, setVersion] = useState(0);
  const [tableRef, tableHeight] = useTableHeight();

  useEffect(() => {
    void api.webhooks.list().then((r) => r.ok && setWebhooks(r.value));
  }, [version]);
  // The route is the source of truth for the webhook filter, so the per-webhook link and Back work.
  useEffect(() => setFilters((f) => (f.webhookId === webhookId ? f : { ...f, webhookId })), [webhookId]);
  useEffect(() => {
    if (openSettings) setDialog('settings');
  }, [openSettings]);
  const closeSettings = () => {
    setDialog(null);
    // Drop `settings=retention` from the address (without a new history entry) so a reload does not reopen it.
    if (openSettings) window.location.replace(routeHref({ page: 'history', webhookId: webhookId || undefined }));
  };
  useEffect(() => {
    const t = setTimeout(() => setFilters((f) => (f.text === search ? f : { ...f, text: search })), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [search]);

  const built = useMemo(() => buildHistoryQuery(filters, sort, anchor), [filters, sort, anchor]);
  const list = useHistoryList(built.ok ? built.query : null);
  const { reload } = list;
  const changed = useCallback(() => {
    setAnchor(Date.now());
    setVersion((v) => v + 1);
    reload();
  }, [reload]);
  const view = useInvocationView(changed);

  const changeFilters = (next: HistoryFilters) => {
    setAnchor(Date.now());
    if (next.webhookId !== filters.webhookId) navigate({ page: 'history', webhookId: next.webhookId || undefined });
    setFilters(next);
  };

  const webhook = webhooks.find((w) => w.id === filters.webhookId);
  const searching = list.loading && built.ok && built.query.text !== undefined;
  const pending = search !== filters.text;
  const { open, close, replay } = view;

  return (
    <section className="history-page" aria-labelledby="history-title">
      <div className="page-head">
        <h1 id="history-title">History{webhook ? `: ${webhook.name}` : ''}</h1>
        <div className="action-row">
          <button type="button" onClick={() => setDialog('import')}>
            Import…
          </button>
          <button type="button" onClick={() => setDialog('settings')}>
            Settings…
          </button>
          <button type="button" className="danger" onClick={() => setDialog('clear')}>
            Clear history…
          </button>
        </div>
      </div>
      <FilterBar value={filters} onChange={changeFilters} search={search} onSearch={setSearch} webhooks={webhooks} issues={built.ok ? [] : built.issues} />
      {filters.webhookId && <StatsChart webhookId={filters.webhookId} webhookName={webhook?.name ?? 'this webhook'} version={version} />}
      <div className="history-status" aria-live="polite">
        {searching || pending ? (
          <span role="status" className="searching">
            <span className="spinner" aria-hidden="true" /> Searching…{' '}
            {searching && (
              <button type="button" className="link" onClick={list.stop}>
                Stop
              </button>
            )}
          </span>
        ) : list.stopped ? (
          <span role="status" className="muted">
            Search stopped{list.rows.length ? ` · ${list.rows.length.toLocaleString()} loaded` : ''}. Change the search to run it again.
          </span>
        ) : list.loading ? (
          <span className="muted">Loading…</span>
        ) : (
          <span className="muted">
            {list.totalAtLeast ? (
              // A text search stops reading once a page is full: say what is known, not a made-up count.
              <>{list.total.toLocaleString()}+ matching invocations so far · {list.rows.length.toLocaleString()} loaded, scroll for more</>
            ) : (
              <>
                {list.total.toLocaleString()} invocation{list.total === 1 ? '' : 's'}
                {list.rows.length < list.total ? ` · ${list.rows.length.toLocaleString()} loaded, scroll for more` : ''}
              </>
            )}
          </span>
        )}
        {list.error && <span className="error"> {list.error}</span>}
        {view.openError && (
          <span className="error" role="alert">
            {' '}
            {view.openError}
          </span>
        )}
      </div>
      <div ref={tableRef}>
        {!list.loading && list.rows.length === 0 && built.ok ? (
          <div className="empty-state">
            {list.total === 0 && !filters.text && JSON.stringify({ ...filters, webhookId: '' }) === JSON.stringify(EMPTY_FILTERS) ? (
              <p>No invocations yet. Every Test, replay and import is kept here.</p>
            ) : filters.request.trim() ? (
              <p>
                No invocations {filters.request.includes('@') ? 'requested by' : 'of Apono request'} “{filters.request.trim()}” match these filters. Invocations kept
                without bodies (or recorded by an older Hooksmith) carry no request to match: Search looks through URLs and bodies.
              </p>
            ) : (
              <p>No invocations match these filters.</p>
            )}
          </div>
        ) : (
          <HistoryTable
            rows={list.rows}
            total={list.total}
            sort={sort}
            onSort={setSort}
            onOpen={(r) => void open(r.id)}
            onReplay={(r, mode) => void replay(r.id, mode)}
            onLoadMore={list.loadMore}
            hasMore={list.hasMore}
            loadingMore={list.loadingMore}
            selectedId={view.record?.id}
            height={tableHeight}
            resetKey={JSON.stringify(built.ok ? built.query : null)}
          />
        )}
      </div>
      {view.record && (
        <InvocationPanel key={view.record.id} record={view.record} onClose={close}>
          <InvocationActions record={view.record} onOpen={(id) => void open(id)} onReplay={(mode) => void replay(view.record!.id, mode)} replaying={view.replaying} replayError={view.replayError} />
          <DeleteInvocation
            id={view.record.id}
            onDeleted={() => {
              close();
              changed();
            }}
          />
        </InvocationPanel>
      )}
      {view.comparison && (
        <ReplayDiffDialog
          original={view.comparison.original}
          replay={view.comparison.replay}
          onClose={view.closeComparison}
          onOpen={(id) => {
            view.closeComparison();
            void open(id);
          }}
        />
      )}
      {dialog === 'import' && (
        <ImportDialog
          onClose={() => setDialog(null)}
          onImported={changed}
          onOpen={(id) => {
            setDialog(null);
            void open(id);
          }}
        />
      )}
      {dialog === 'clear' && (
        <ClearHistoryDialog
          onClose={() => setDialog(null)}
          onCleared={() => {
            setDialog(null);
            close();
            changed();
          }}
        />
      )}
      {dialog === 'settings' && <SettingsDialog webhooks={webhooks} onClose={() => (closeSettings(), changed())} />}
    </section>
  );
}
