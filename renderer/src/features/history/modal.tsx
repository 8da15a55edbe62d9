/** A small modal dialog: focus moves in on open and back to the opener on close; Escape closes it. */
import { useEffect, useRef, type ReactNode } from 'react';

export function Modal({ title, onClose, children, className }: { title: string; onClose(): void; children: ReactNode; className?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    (ref.current?.querySelector('input, textarea, select, button') as HTMLElement | null)?.focus();
    return () => opener?.focus();
  }, []);
  const id = `modal-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <div className="modal-backdrop">
      <div
        ref={ref}
        className={`modal ${className ?? ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={id}
        onKeyDown={(e) => {
          if (e.key !== 'Escape') return;
          e.stopPropagation();
          onClose();
        }}
      >
        <header className="panel-head">
          <h2 id={id}>{title}</h2>
          <button type="button" onClick={onClose} aria-label={`Close ${title.toLowerCase()}`}>
            Close
          </button>
        </header>
        <div className="modal-body">{children}</div>
      </div>
    </div>
  );
}
