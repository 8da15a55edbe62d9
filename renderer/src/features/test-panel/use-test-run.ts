/** One test at a time: start, elapsed time while it runs, cancel, and what came back. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TestArgs } from '../../../../shared/api/contract';
import type { AppError } from '../../../../shared/api/result';
import type { InvocationRecord } from '../../../../shared/delivery/invocation';
import { api } from '../../lib/api';
import { newRunId } from '../../lib/run-id';

export type TestRun =
  | { kind: 'idle' }
  | { kind: 'running'; runId: string; startedAt: number; cancelling: boolean }
  | { kind: 'done'; record: InvocationRecord }
  /** Nothing was sent: the input broke a rule or a secret is missing. */
  | { kind: 'refused'; error: AppError };

export function useTestRun() {
  const [run, setRun] = useState<TestRun>({ kind: 'idle' });
  const [now, setNow] = useState(() => performance.now());
  const current = useRef<string | null>(null);

  useEffect(() => {
    if (run.kind !== 'running') return;
    const timer = setInterval(() => setNow(performance.now()), 100);
    return () => clearInterval(timer);
  }, [run.kind]);

  const start = useCallback(async (args: Omit<TestArgs, 'runId'>) => {
    if (current.current) return;
    const runId = newRunId();
    current.current = runId;
    const startedAt = performance.now();
    setNow(startedAt);
    setRun({ kind: 'running', runId, startedAt, cancelling: false });
    const r = await api.delivery.test({ ...args, runId });
    current.current = null;
    setRun(r.ok ? { kind: 'done', record: r.value } : { kind: 'refused', error: r.error });
  }, []);

  const cancel = useCallback(() => {
    const runId = current.current;
    if (!runId) return;
    setRun((s) => (s.kind === 'running' ? { ...s, cancelling: true } : s));
    void api.delivery.cancel({ runId });
  }, []);

  const elapsedMs = run.kind === 'running' ? Math.max(0, now - run.startedAt) : 0;
  return { run, start, cancel, elapsedMs };
}
