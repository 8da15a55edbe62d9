/**
 * Deleting from the history: one invocation from its panel, or everything after a confirmation that says how
 * much goes. Both are final (the store deletes the files), so neither happens on a single stray click.
 */
import { useEffect, useState } from 'react';
import { api } from '../../lib/api';
import { Modal } from './modal';

/** "Delete" in the invocation panel: a second click within the confirm state deletes. */
export function DeleteInvocation({ id, onDeleted }: { id: string; onDeleted(): void }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    const r = await api.history.remove({ ids: [id] });
    if (!r.ok) setError(r.error.message);
    else onDeleted();
  };
  return (
    <div className="action-row invocation-delete" role="group" aria-label="Delete">
      {confirming ? (
        <>
          <span className="small">Delete this invocation from the history? This cannot be undone.</span>
          <button type="button" className="danger" onClick={() => void remove()}>
            Delete invocation
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </>
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>
          Delete…
        </button>
      )}
      {error && (
        <span className="error small" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

/** The confirmation for clearing the whole history. */
export function ClearHistoryDialog({ onClose, onCleared }: { onClose(): void; onCleared(removed: number): void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The whole history's size, not the filtered table's: clearing ignores filters.
  const [total, setTotal] = useState<number | null>(null);
  useEffect(() => {
    void api.history.list({ limit: 1 }).then((r) => (r.ok ? setTotal(r.value.total) : setError(r.error.message)));
  }, []);
  const clear = async () => {
    setBusy(true);
    const r = await api.history.clear();
    setBusy(false);
    if (!r.ok) setError(r.error.message);
    else onCleared(r.value.removed);
  };
  return (
    <Modal title="Clear history" onClose={onClose}>
      {total === 0 ? (
        <p>The history is already empty.</p>
      ) : (
        <p>
          This deletes {total === null ? 'every' : `all ${total.toLocaleString()}`} kept invocation{total === 1 ? '' : 's'}, with their bodies, from this
          computer, whatever the filters show. Webhooks and samples stay. It cannot be undone; export what you need first (HAR or repro bundle).
        </p>
      )}
      <div className="action-row">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="danger" onClick={() => void clear()} disabled={busy || total === 0}>
          Delete all invocations
        </button>
      </div>
      {error && (
        <p className="error small" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}
