/**
 * Windowing for long lists: fixed row height, only the rows in view (plus a few above and below) are in
 * the DOM, so 200,000 loaded summaries cost a few dozen elements. Asks for more rows (`onNearEnd`) when the
 * user scrolls close to the end of what is loaded.
 *
 * The scroll box keeps `role="rowgroup"`; the caller renders each row with `aria-rowindex` so screen readers
 * still know where a row sits in the whole table.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';

export interface VirtualRowsProps {
  count: number;
  rowHeight: number;
  /** Height of the scroll box in pixels. */
  height: number;
  renderRow(index: number, style: { position: 'absolute'; top: number; height: number; left: 0; right: 0 }): ReactNode;
  /** Called when fewer than `nearEndRows` loaded rows are left below the view. */
  onNearEnd?(): void;
  nearEndRows?: number;
  /** Extra rows rendered above and below the view, so fast scrolling does not flash blank. */
  overscan?: number;
  /** Shown after the last row (e.g. "Loading more…"). */
  footer?: ReactNode;
  /** Changing it scrolls back to the top (a new query). */
  resetKey?: string;
  label: string;
}

export function VirtualRows({ count, rowHeight, height, renderRow, onNearEnd, nearEndRows = 40, overscan = 8, footer, resetKey, label }: VirtualRowsProps) {
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);

  useEffect(() => {
    if (box.current) box.current.scrollTop = 0;
    setScrollTop(0);
  }, [resetKey]);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const visible = Math.ceil(height / rowHeight) + 2 * overscan;
  const last = Math.min(count, first + visible);

  // Runs after each render, so it also fires when a short first page does not fill the box.
  useEffect(() => {
    if (onNearEnd && count - last < nearEndRows) onNearEnd();
  }, [count, last, nearEndRows, onNearEnd]);

  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) rows.push(renderRow(i, { position: 'absolute', top: i * rowHeight, height: rowHeight, left: 0, right: 0 }));

  return (
    <div ref={box} className="virtual-rows" role="rowgroup" aria-label={label} style={{ height, overflowY: 'auto', position: 'relative' }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
      <div style={{ height: count * rowHeight, position: 'relative' }}>{rows}</div>
      {footer}
    </div>
  );
}
