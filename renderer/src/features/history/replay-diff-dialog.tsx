/**
 * Original vs replay, in Monaco's diff editor: request body, request headers, response status, response
 * body (one at a time, picked by tabs). Modal, over the history page; Escape or Close closes it.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { formatMs } from '../../../../shared/delivery/format';
import type { InvocationRecord } from '../../../../shared/delivery/invocation';
import { DIFF_PARTS, diffSides, type DiffPart } from '../../../../shared/history/replay-diff';
import { useTabKeys } from '../../components/use-tab-keys';
import { DiffViewer } from '../../editor/lazy-editors';

function verdict(r: InvocationRecord): string {
  return `${r.outcome}${r.response ? ` · ${r.response.status}` : ''} · ${formatMs(r.durationMs)}`;
}

export function ReplayDiffDialog({ original, replay, onClose, onOpen }: { original: InvocationRecord; replay: InvocationRecord; onClose(): void; onOpen(id: string): void }) {
  const [part, setPart] = useState<DiffPart>('Request body');
  const closeRef = useRef<HTMLButtonElement>(null);
  const tabKeys = useTabKeys(DIFF_PARTS, setPart);
  const sides = diffSides(original, replay, part);

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    closeRef.current?.focus();
    return () => opener?.focus();
  }, []);

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Escape') return;
    // Stop here: the invocation panel under this dialog closes on Escape too.
    e.stopPropagation();
    e.preventDefault();
    onClose();
  };

  return (
    <div className="modal-backdrop">
      <div className="modal diff-dialog" role="dialog" aria-modal="true" aria-labelledby="diff-title" onKeyDown={onKey}>
        <header className="panel-head">
          <h2 id="diff-title">Original vs replay</h2>
          <button type="button" onClick={() => onOpen(replay.id)}>
            Open replay
          </button>
          <button type="button" ref={closeRef} onClick={onClose} aria-label="Close comparison">
            Close
          </button>
        </header>
        <div className="diff-legend small">
          <span>
            <strong>Original</strong> <span className={original.outcome === 'Failure' ? 'error' : 'ok'}>{verdict(original)}</span>
          </span>
          <span>
            <strong>{replay.replayOf ? 'Replay' : 'Other'}</strong> <span className={replay.outcome === 'Failure' ? 'error' : 'ok'}>{verdict(replay)}</span>
          </span>
        </div>
        <div role="tablist" aria-label="Part to compare" className="tabs">
          {DIFF_PARTS.map((p, i) => (
            <button
              key={p}
              type="button"
              role="tab"
              id={`diff-tab-${i}`}
              aria-selected={part === p}
              aria-controls="diff-panel"
              tabIndex={part === p ? 0 : -1}
              onClick={() => setPart(p)}
              {...tabKeys(i)}
            >
              {p}
              {!diffSides(original, replay, p).same && (
                <>
                  <span className="changed-mark" aria-hidden="true">
                    {' '}
                    •
                  </span>
                  <span className="visually-hidden"> (differs)</span>
                </>
              )}
            </button>
          ))}
        </div>
        <div role="tabpanel" id="diff-panel" aria-labelledby={`diff-tab-${DIFF_PARTS.indexOf(part)}`} className="diff-body">
          {sides.same && <p className="muted small diff-same">No difference in the {part.toLowerCase()}.</p>}
          {sides.note && <p className="notice small">{sides.note}</p>}
          <DiffViewer path={`${original.id}-${replay.id}-${part}`} original={sides.original} modified={sides.replay} language={sides.language} ariaLabel={`${part}, original and replay`} height="100%" />
        </div>
      </div>
    </div>
  );
}
