/**
 * A small modal dialog: focus moves in on open and back to the opener on close; Escape closes it and Tab stays
 * inside, even after the focused control disappears (a submit button replaced by its result leaves focus on
 * the page body, where a listener on the dialog alone would hear nothing).
 */
import { useEffect, useRef, type ReactNode } from 'react';

const FOCUSABLE = 'input, textarea, select, button, a[href], [tabindex]:not([tabindex="-1"])';

export function Modal({ title, onClose, children, className }: { title: string; onClose(): void; children: ReactNode; className?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    (ref.current?.querySelector(FOCUSABLE) as HTMLElement | null)?.focus();
    const onKey = (e: KeyboardEvent) => {
      const dialog = ref.current;
      if (!dialog) return;
      if (e.key === 'Escape') {
        e.stopPropagation();
        e.preventDefault();
        close.current();
        return;
      }
      if (e.key !== 'Tab') return;
      const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.hasAttribute('disabled') && el.offsetParent !== null);
      if (items.length === 0) return;
      const first = items[0]!;
      const last = items[items.length - 1]!;
      const inside = dialog.contains(document.activeElement);
      if (!inside || (e.shiftKey && document.activeElement === first) || (!e.shiftKey && document.activeElement === last)) {
        e.preventDefault();
        (e.shiftKey ? last : first).focus();
      }
    };
    // Capture phase on the document: heard wherever focus is, before page-level shortcuts.
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      opener?.focus();
    };
  }, []);
  const id = `modal-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <div className="modal-backdrop">
      <div ref={ref} className={`modal ${className ?? ''}`} role="dialog" aria-modal="true" aria-labelledby={id}>
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
