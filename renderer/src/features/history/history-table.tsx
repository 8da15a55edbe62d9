/**
 * The history table: ARIA table roles over a windowed list (a real <table> cannot be virtualized without
 * breaking its layout), sortable headers with aria-sort, rows that open on click or Enter and move with the
 * arrow keys, and a row menu for replays.
 */
import type { KeyboardEvent } from 'react';
import { formatMs } from '../../../../shared/delivery/format';
import type { HistorySortKey, InvocationSummary } from '../../../../shared/history/types';
import { RowMenu } from '../webhooks/row-menu';
import { VirtualRows } from './virtual-rows';

export interface SortState {
  key: HistorySortKey;
  direction: 'asc' | 'desc';
}

const COLUMNS: Array<{ label: string; sort?: HistorySortKey }> = [
  { label: 'Time', sort: 'time' },
  { label: 'Webhook', sort: 'webhook' },
  { label: 'Trigger' },
  { label: 'Result' },
  { label: 'HTTP', sort: 'status' },
  { label: 'Duration', sort: 'duration' },
  { label: 'Error' },
  { label: 'Actions' },
];

export const ROW_HEIGHT = 36;

const timeFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });

export interface HistoryTableProps {
  rows: InvocationSummary[];
  total: number;
  sort: SortState;
  onSort(next: SortState): void;
  onOpen(row: InvocationSummary): void;
  onReplay(row: InvocationSummary, mode: 'exact' | 'rerender'): void;
  onLoadMore(): void;
  hasMore: boolean;
  loadingMore: boolean;
  /** The open row, highlighted. */
  selectedId?: string;
  height: number;
  resetKey: string;
}

export function HistoryTable(props: HistoryTableProps) {
  const { rows, sort } = props;

  const clickHeader = (key: HistorySortKey) => {
    // A new column starts newest/largest first, which is what a support engineer looks for first.
    props.onSort(sort.key === key ? { key, direction: sort.direction === 'desc' ? 'asc' : 'desc' } : { key, direction: key === 'webhook' ? 'asc' : 'desc' });
  };

  const onRowKey = (e: KeyboardEvent<HTMLDivElement>, i: number) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      props.onOpen(rows[i]!);
      return;
    }
    const next = e.key === 'ArrowDown' ? i + 1 : e.key === 'ArrowUp' ? i - 1 : null;
    if (next === null || next < 0 || next >= rows.length) return;
    e.preventDefault();
    const box = e.currentTarget.parentElement;
    (box?.querySelector(`[data-row-index="${next}"]`) as HTMLElement | null)?.focus();
  };

  return (
    <div className="history-table" role="table" aria-label="Invocations" aria-rowcount={props.total + 1}>
      <div role="rowgroup">
        <div role="row" className="history-row history-head" aria-rowindex={1}>
          {COLUMNS.map((c) =>
            c.sort ? (
              <div key={c.label} role="columnheader" aria-sort={sort.key === c.sort ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
                <button type="button" className="sort-button" onClick={() => clickHeader(c.sort!)}>
                  {c.label}
                  <span aria-hidden="true" className="sort-arrow">
                    {sort.key === c.sort ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
                  </span>
                </button>
              </div>
            ) : (
              <div key={c.label} role="columnheader" className={c.label === 'Actions' ? 'visually-hidden-label' : undefined}>
                {c.label === 'Actions' ? <span className="visually-hidden">Actions</span> : c.label}
              </div>
            ),
          )}
        </div>
      </div>
      <VirtualRows
        label="Invocation rows"
        count={rows.length}
        rowHeight={ROW_HEIGHT}
        height={props.height}
        resetKey={props.resetKey}
        onNearEnd={props.hasMore ? props.onLoadMore : undefined}
        footer={props.loadingMore ? <p className="muted small load-more">Loading more…</p> : null}
        renderRow={(i, style) => {
          const r = rows[i]!;
          const failed = r.outcome === 'Failure';
          return (
            <div
              key={r.id}
              role="row"
              aria-rowindex={i + 2}
              data-row-index={i}
              tabIndex={0}
              className={`history-row${props.selectedId === r.id ? ' selected' : ''}`}
              style={style}
              onClick={() => props.onOpen(r)}
              onKeyDown={(e) => onRowKey(e, i)}
            >
              <div role="cell" className="num">
                <time dateTime={r.startedAt}>{timeFormat.format(new Date(r.startedAt))}</time>
              </div>
              <div role="cell" className="ellipsis" title={r.webhookName}>
                {r.webhookName || 'Unsaved webhook'}
                {r.replayOf && <span className="replay-tag"> replay</span>}
              </div>
              <div role="cell" className="ellipsis muted">
                {r.trigger}
              </div>
              <div role="cell">
                <span className={`dot ${failed ? 'dot-failure' : 'dot-success'}`} aria-hidden="true" /> {failed ? 'Failure' : 'Success'}
              </div>
              <div role="cell" className="num">
                {r.status ?? '—'}
              </div>
              <div role="cell" className="num">
                {formatMs(r.durationMs)}
              </div>
              <div role="cell" className="ellipsis error-class">
                {r.errorClass ?? ''}
              </div>
              <div role="cell" onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
                <RowMenu
                  label={`Actions for the invocation at ${r.startedAt}`}
                  items={[
                    { label: 'Open', run: () => props.onOpen(r) },
                    { label: 'Replay exactly', run: () => props.onReplay(r, 'exact') },
                    { label: 'Re-render with current template', run: () => props.onReplay(r, 'rerender') },
                  ]}
                />
              </div>
            </div>
          );
        }}
      />
    </div>
  );
}
