/**
 * "Send all that fire": the fired cells of the simulated lifecycle sent one after another through
 * `api.delivery.test` (each a recorded invocation), with each cell's outcome as it comes back. Stop cancels the
 * request in flight through `api.delivery.cancel` (it comes back recorded as cancelled) and sends no more.
 */
import { useCallback, useRef, useState } from 'react';
import type { InvocationRecord } from '../../../../shared/delivery/invocation';
import { sendAll, type PlannedSend } from '../../../../shared/simulator';
import { api } from '../../lib/api';
import { newRunId } from '../../lib/run-id';

export type CellSend = { kind: 'queued' } | { kind: 'sending' } | { kind: 'done'; record: InvocationRecord } | { kind: 'refused'; message: string };

export function useSendAll() {
  const [sends, setSends] = useState<Map<string, CellSend>>(new Map());
  const [running, setRunning] = useState(false);
  const stopper = useRef<AbortController | null>(null);

  const set = (key: string, s: CellSend) => setSends((m) => new Map(m).set(key, s));

  /** Sends the plan in order; `webhookIds[i]` is the saved id of column i. */
  const send = useCallback(async (plan: PlannedSend[], webhookIds: string[]) => {
    const controller = new AbortController();
    stopper.current = controller;
    setRunning(true);
    setSends(new Map(plan.map((p) => [p.key, { kind: 'queued' }])));
    await sendAll(
      plan,
      {
        send: (p, runId) => api.delivery.test({ webhookId: webhookIds[p.webhook]!, trigger: p.trigger, event: p.event, runId }),
        cancel: (runId) => void api.delivery.cancel({ runId }),
        newRunId,
        onSending: (p) => set(p.key, { kind: 'sending' }),
        onSent: (p, r) => set(p.key, r.ok ? { kind: 'done', record: r.value } : { kind: 'refused', message: r.error.message }),
      },
      controller.signal,
    );
    setSends((m) => new Map([...m].filter(([, s]) => s.kind !== 'queued')));
    setRunning(false);
    stopper.current = null;
  }, []);

  const stop = useCallback(() => stopper.current?.abort(), []);
  const clear = useCallback(() => setSends(new Map()), []);
  return { sends, running, send, stop, clear };
}
