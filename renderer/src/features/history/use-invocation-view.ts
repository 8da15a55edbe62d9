/**
 * The open invocation (full record, fetched by id), replays of it, and the comparison shown after a replay.
 * Opening another id while one loads wins; a replay needs the original's record for the diff, so a replay
 * from a table row fetches it first.
 */
import { useCallback, useRef, useState } from 'react';
import type { InvocationRecord } from '../../../../shared/delivery/invocation';
import { api } from '../../lib/api';
import type { ReplayMode } from './invocation-actions';

export interface Comparison {
  original: InvocationRecord;
  replay: InvocationRecord;
}

export function useInvocationView(onChanged: () => void) {
  const [record, setRecord] = useState<InvocationRecord | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  const [replaying, setReplaying] = useState<ReplayMode | null>(null);
  const [replayError, setReplayError] = useState<string | null>(null);
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const latest = useRef<string | null>(null);

  const open = useCallback(async (id: string): Promise<InvocationRecord | null> => {
    latest.current = id;
    setReplayError(null);
    const r = await api.history.get({ id });
    if (latest.current !== id) return null;
    if (!r.ok) {
      setOpenError(r.error.message);
      return null;
    }
    setOpenError(null);
    setRecord(r.value);
    return r.value;
  }, []);

  const close = useCallback(() => {
    latest.current = null;
    setRecord(null);
    setReplayError(null);
  }, []);

  const replay = useCallback(
    async (id: string, mode: ReplayMode) => {
      const original = record?.id === id ? record : await open(id);
      if (!original) return;
      setReplaying(mode);
      setReplayError(null);
      const r = await api.history.replay({ id, mode });
      setReplaying(null);
      if (!r.ok) {
        const details = r.error.issues?.map((i) => `${i.field}: ${i.message}`).join(' ');
        setReplayError(details || r.error.message);
        return;
      }
      setComparison({ original, replay: r.value });
      onChanged();
    },
    [record, open, onChanged],
  );

  return { record, openError, replaying, replayError, comparison, open, close, replay, closeComparison: () => setComparison(null), clearOpenError: () => setOpenError(null) };
}
