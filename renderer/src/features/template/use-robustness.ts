/**
 * Runs the robustness check in a Web Worker after typing pauses. A check still running when the text
 * changes again is abandoned (the worker is replaced), so results never lag behind by more than one check.
 */
import { useEffect, useRef, useState } from 'react';
import type { EventTypeStyle, SampleEvent } from '../../../../shared/payload/request-event';
import type { RobustnessReport, RobustnessTarget } from '../../../../shared/template/robustness';
import type { EscapeMode } from '../../../../shared/template/render';
import RobustnessWorker from './robustness.worker?worker';
import type { RobustnessRequest, RobustnessResponse } from './robustness.worker';

export type RobustnessState =
  | { status: 'checking' }
  | { status: 'done'; report: RobustnessReport; checked: number }
  | { status: 'failed'; message: string };

const DEBOUNCE_MS = 250;

export function useRobustness(text: string, escape: EscapeMode, style: EventTypeStyle, userSamples: SampleEvent[], target?: RobustnessTarget): RobustnessState {
  const [state, setState] = useState<RobustnessState>({ status: 'checking' });
  const worker = useRef<{ w: Worker; busy: boolean } | null>(null);
  const seq = useRef(0);

  useEffect(() => () => worker.current?.w.terminate(), []);

  useEffect(() => {
    const timer = setTimeout(() => {
      const id = ++seq.current;
      if (worker.current?.busy) {
        worker.current.w.terminate();
        worker.current = null;
      }
      if (!worker.current) {
        const w = new RobustnessWorker();
        const slot = { w, busy: false };
        w.onmessage = (e: MessageEvent<RobustnessResponse>) => {
          slot.busy = false;
          if (e.data.id === seq.current) setState({ status: 'done', report: e.data.report, checked: e.data.checked });
        };
        w.onerror = (e) => {
          slot.busy = false;
          setState({ status: 'failed', message: `The robustness check stopped: ${e.message}` });
        };
        worker.current = slot;
      }
      setState({ status: 'checking' });
      worker.current.busy = true;
      const request: RobustnessRequest = { id, text, escape, style, userSamples, ...(target ? { target } : {}) };
      worker.current.w.postMessage(request);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, escape, style, userSamples, target]);

  return state;
}
