/**
 * "Send all that fire": the fired cells of the simulated lifecycle sent one after another through
 * `api.delivery.test` (each a recorded invocation), with each cell's outcome as it comes back.
 */
import { useCallback, useRef, useState } from 'react';
import type { InvocationRecord } from '../../../../shared/delivery/invocation';
import type { PlannedSend } from '../../../../shared/simulator';
import { api } from '../../lib/api';

export type CellSend = { kind: 'queued' } | { kind: 'sending' } | { kind: 'done'; record: InvocationRecord } | { kind: 'refused'; message: string };

function newRunId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `run-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export function useSendAll() {
  const [sends, setSends] = useState<Map<string, CellSend>>(new Map());
  const [running, setRunning] = useState(false);
  const stopped = useRef(false);

  const set = (key: string, s: CellSend) => setSends((m) => new Map(m).set(key, s));

  /** Sends the plan in order; `webhookIds[i]` is the saved id of column i. */
  const send = useCallback(async (plan: PlannedSend[], webhookIds: string[]) => {
    stopped.current = false;
    setRunning(true);
    setSends(new Map(plan.map((p) => [p.key, { kind: 'queued' }])));
    for (const p of plan) {
      // Stop between sends: a request already on the wire is left to finish (and be recorded).
      if (stopped.current) break;
      set(p.key, { kind: 'sending' });
      const r = await api.delivery.test({ webhookId: webhookIds[p.webhook]!, trigger: p.trigger, event: p.event, runId: newRunId() });
      set(p.key, r.ok ? { kind: 'done', record: r.value } : { kind: 'refused', message: r.error.message });
    }
    setSends((m) => new Map([...m].filter(([, s]) => s.kind !== 'queued')));
    setRunning(false);
  }, []);

  const stop = useCallback(() => void (stopped.current = true), []);
  const clear = useCallback(() => setSends(new Map()), []);
  return { sends, running, send, stop, clear };
}
