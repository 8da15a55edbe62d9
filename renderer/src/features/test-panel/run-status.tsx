/**
 * What a test send shows while and after it runs, shared by the Test bar and "Invoke manually…": the
 * progress line with Cancel, the verdict of the record, and the refusal when nothing was sent.
 */
import type { ReactNode } from 'react';
import type { AppError } from '../../../../shared/api/result';
import { formatMs } from '../../../../shared/delivery/format';
import type { InvocationRecord } from '../../../../shared/delivery/invocation';
import { IssueList } from '../../components/form-controls';
import type { TestRun } from './use-test-run';

/** Spinner, "Testing… 1.2 s" (or the given verb) and Cancel while `run` is running; nothing otherwise. */
export function RunProgress({ run, elapsedMs, onCancel, verb }: { run: TestRun; elapsedMs: number; onCancel: () => void; verb: string }) {
  if (run.kind !== 'running') return null;
  return (
    <>
      <span className="spinner" aria-hidden="true" />
      <span role="status">
        {run.cancelling ? 'Cancelling…' : verb} <span className="elapsed">{formatMs(elapsedMs)}</span>
      </span>
      <button type="button" onClick={onCancel} disabled={run.cancelling}>
        Cancel
      </button>
    </>
  );
}

/** The verdict of a finished send: outcome, status and time, the error's hint, `children`, and "View Invocation Data". */
export function RunVerdict({
  record,
  labels,
  panelOpen,
  onViewData,
  children,
}: {
  record: InvocationRecord;
  labels: { success: string; failure: string };
  panelOpen: boolean;
  onViewData: () => void;
  children?: ReactNode;
}) {
  const success = record.outcome === 'Success';
  // Stopped by the user: not the target's failure, so not shown as one.
  const cancelled = record.error?.errorClass === 'cancelled';
  return (
    <div className="test-result" role="status">
      <p className={success ? 'verdict ok' : cancelled ? 'verdict muted' : 'verdict error'}>
        {success ? labels.success : cancelled ? 'Cancelled' : labels.failure}
        <span className="muted">
          {' '}
          {record.response ? `· ${record.response.status} ${record.response.statusText} ` : ''}· {formatMs(record.durationMs)}
        </span>
      </p>
      {record.error && (
        <p className="hint">
          {record.error.message} {record.error.hint}
        </p>
      )}
      {children}
      <button type="button" onClick={onViewData} aria-expanded={panelOpen}>
        View Invocation Data
      </button>
    </div>
  );
}

/** Why nothing was sent: the broken rules field by field, or the message. */
export function RunRefused({ error }: { error: AppError }) {
  return (
    <div className="test-result" role="alert">
      <p className="verdict error">Not sent: {error.issues?.length ? 'fix these first.' : error.message}</p>
      {error.issues && <IssueList issues={error.issues} className="issues" />}
    </div>
  );
}
