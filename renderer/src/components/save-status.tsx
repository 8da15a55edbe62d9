/** The Save button of a form's sticky footer, with its shortcut and what became of the last save. */
import { useEffect } from 'react';

/** The states a form's save goes through (a webhook's `saved` also carries when). */
export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at?: Date } | { kind: 'failed'; message: string };

export function SaveControls({ label, save, dirty }: { label: string; save: SaveState; dirty: boolean }) {
  return (
    <>
      <button type="submit" className="primary" disabled={save.kind === 'saving'}>
        {label}
      </button>
      <span className="muted">Ctrl+S</span>
      <span role="status" className={save.kind === 'failed' ? 'error' : 'muted'}>
        {save.kind === 'saving' && 'Saving…'}
        {save.kind === 'saved' && 'Saved.'}
        {save.kind === 'failed' && save.message}
        {save.kind === 'idle' && dirty && 'Unsaved changes'}
      </span>
    </>
  );
}

/** Ctrl+S (Cmd+S) saves from anywhere on the page, inside Monaco included. */
export function useSaveShortcut(submit: () => Promise<void>): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void submit();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [submit]);
}
