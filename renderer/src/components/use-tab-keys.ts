/** Keyboard moves in a WAI-ARIA tab list, shared by the invocation panel and the replay diff dialog. */
import { useRef, type KeyboardEvent } from 'react';

/**
 * Roving focus over `tabs`: ArrowLeft/ArrowRight move (wrapping), Home/End jump to the ends; the tab moved
 * to is selected and focused. Spread the returned props onto each tab button: `{...tabKeys(i)}`.
 */
export function useTabKeys<T>(tabs: readonly T[], select: (tab: T) => void) {
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  return (i: number) => ({
    ref: (el: HTMLButtonElement | null) => void (refs.current[i] = el),
    onKeyDown: (e: KeyboardEvent<HTMLButtonElement>) => {
      const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : null;
      if (next === null) return;
      e.preventDefault();
      const j = (next + tabs.length) % tabs.length;
      select(tabs[j]!);
      refs.current[j]?.focus();
    },
  });
}
