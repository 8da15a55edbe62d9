/**
 * Asks before unsaved changes are lost: the browser (or Electron, see electron/main/window.ts) asks before a
 * reload or close, and in-app links (the navigation, "Back to webhooks", History…) ask before leaving the page.
 */
import { useEffect } from 'react';

export function useLeaveGuard(dirty: boolean, question: string): void {
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    const onClick = (e: MouseEvent) => {
      const link = e.target instanceof Element ? e.target.closest('a[href^="#/"]') : null;
      if (link && !window.confirm(question)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener('beforeunload', warn);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', warn);
      document.removeEventListener('click', onClick, true);
    };
  }, [dirty, question]);
}
