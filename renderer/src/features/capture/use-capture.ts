/**
 * State of the Capture page: the receiver's status and the capture list (polled while the receiver runs, so
 * requests show up as Apono sends them), and the selected capture with its findings.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaptureFindings } from '../../../../shared/capture/findings';
import type { CaptureRecord, CaptureStatus, CaptureSummary } from '../../../../shared/capture/types';
import { api } from '../../lib/api';

/** How often the list is refreshed while the receiver runs. */
const POLL_MS = 1000;

export interface SelectedCapture {
  record: CaptureRecord;
  findings: CaptureFindings;
}

export function useCapture() {
  const [status, setStatus] = useState<CaptureStatus>({ running: false, captured: 0 });
  const [captures, setCaptures] = useState<CaptureSummary[]>([]);
  const [selected, setSelected] = useState<SelectedCapture | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** The newest capture seen so far: a newer one (Apono's Test just arrived) is opened at once. */
  const newest = useRef<string | undefined>(undefined);

  const select = useCallback(async (id: string) => {
    const [rec, f] = await Promise.all([api.capture.get({ id }), api.capture.findings({ id })]);
    if (!rec.ok) return setError(rec.error.message);
    if (!f.ok) return setError(f.error.message);
    setError(null);
    setSelected({ record: rec.value, findings: f.value });
  }, []);

  const refresh = useCallback(async () => {
    const [s, l] = await Promise.all([api.capture.status(), api.capture.list()]);
    if (s.ok) setStatus(s.value);
    if (!l.ok) return setError(l.error.message);
    setCaptures(l.value);
    const top = l.value[0]?.id;
    if (top !== undefined && top !== newest.current) void select(top);
    newest.current = top;
  }, [select]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    if (!status.running) return;
    const t = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(t);
  }, [status.running, refresh]);

  const start = async (port: number, https: boolean) => {
    setError(null);
    const r = await api.capture.start({ port, https });
    if (r.ok) setStatus(r.value);
    else setError(r.error.message);
  };

  const stop = async () => {
    const r = await api.capture.stop();
    if (r.ok) setStatus(r.value);
    await refresh();
  };

  const remove = async (id: string) => {
    const r = await api.capture.remove({ id });
    if (!r.ok) setError(r.error.message);
    if (selected?.record.id === id) setSelected(null);
    await refresh();
  };

  return { status, captures, selected, error, start, stop, select, remove, refresh };
}
