/** The Save button of a form's sticky footer, with its shortcut and what became of the last save. */

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
