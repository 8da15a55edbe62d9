/**
 * "View Invocation Data": a side panel with the request, the response, the timing waterfall, the validators
 * and the hint for any error. Non-modal (the form stays usable); Escape or Close closes it.
 *
 * Shared by the Test bar and the History page: it shows any `InvocationRecord`; the History page passes its
 * replay and export actions as `children`, shown under the summary line.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { InvocationRecord } from '../../../../shared/delivery/invocation';
import { useTabKeys } from '../../components/use-tab-keys';
import { CopyButton } from './copy';
import { TargetHintList } from './target-hint-list';
import { RequestTab, ResponseTab } from './message-tabs';
import { TimingTab } from './timing-tab';
import { ValidatorsTab } from './validators-tab';

const TABS = ['Request', 'Response', 'Timing', 'Validators'] as const;
type Tab = (typeof TABS)[number];

export function InvocationPanel({ record, onClose, children }: { record: InvocationRecord; onClose: () => void; children?: ReactNode }) {
  const [tab, setTab] = useState<Tab>('Request');
  const closeRef = useRef<HTMLButtonElement>(null);
  const tabKeys = useTabKeys(TABS, setTab);

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    closeRef.current?.focus();
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onClose();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      opener?.focus();
    };
  }, [onClose]);

  const failed = record.outcome === 'Failure';
  return (
    <aside className="invocation-panel" role="dialog" aria-modal="false" aria-labelledby="invocation-title">
      <header className="panel-head">
        <h2 id="invocation-title">Invocation data</h2>
        <span className={failed ? 'badge error' : 'badge ok'}>{failed ? 'Failure' : 'Success'}</span>
        <CopyButton text={JSON.stringify(record, null, 2)} what="invocation record as JSON" label="Copy JSON" />
        <button type="button" ref={closeRef} onClick={onClose} aria-label="Close invocation data">
          Close
        </button>
      </header>
      <p className="muted small panel-meta">
        {record.webhookName || 'Unsaved webhook'} · {record.trigger} · {new Date(record.startedAt).toLocaleString()}
      </p>
      {children}
      {record.error && (
        <div className="hint-box" role="note" aria-label="What went wrong">
          <p>
            <strong>{record.error.message}</strong>
          </p>
          <p>{record.error.hint}</p>
          <TargetHintList record={record} />
          {record.error.code && <p className="muted small">Code: {record.error.code}</p>}
        </div>
      )}
      {record.warnings.length > 0 && (
        <ul className="warnings">
          {record.warnings.map((w) => (
            <li key={w} className="warning">
              {w}
            </li>
          ))}
        </ul>
      )}
      <div role="tablist" aria-label="Invocation data" className="tabs">
        {TABS.map((t, i) => (
          <button
            key={t}
            type="button"
            role="tab"
            id={`inv-tab-${t}`}
            aria-selected={tab === t}
            aria-controls={`inv-panel-${t}`}
            tabIndex={tab === t ? 0 : -1}
            onClick={() => setTab(t)}
            {...tabKeys(i)}
          >
            {t}
            {t === 'Validators' && record.validators.some((v) => !v.passed) ? ' ✗' : ''}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`inv-panel-${tab}`} aria-labelledby={`inv-tab-${tab}`} className="tab-body" tabIndex={0}>
        {tab === 'Request' && <RequestTab record={record} />}
        {tab === 'Response' && <ResponseTab record={record} />}
        {tab === 'Timing' && <TimingTab record={record} />}
        {tab === 'Validators' && <ValidatorsTab record={record} />}
      </div>
    </aside>
  );
}
