/** The table's height: from its top to the bottom of the window (at least 240 px), kept up to date on resize. */
import { useCallback, useEffect, useState } from 'react';

export function useTableHeight(): [(el: HTMLDivElement | null) => void, number] {
  const [el, setEl] = useState<HTMLDivElement | null>(null);
  const [height, setHeight] = useState(480);
  const measure = useCallback(() => {
    if (!el) return;
    // 36 px for the header row, 24 px of breathing room under the table.
    setHeight(Math.max(240, Math.floor(window.innerHeight - el.getBoundingClientRect().top - 36 - 24)));
  }, [el]);
  useEffect(() => {
    measure();
    window.addEventListener('resize', measure);
    // The chart above the table loads later and pushes it down.
    const ro = new ResizeObserver(measure);
    if (el?.parentElement) ro.observe(el.parentElement);
    return () => {
      window.removeEventListener('resize', measure);
      ro.disconnect();
    };
  }, [el, measure]);
  return [setEl, height];
}
