/**
 * Renders the template for the preview in the render worker (see render.worker.ts for why a worker).
 * Only the newest answer is kept; until the first one arrives the result is undefined.
 */
import { useEffect, useRef, useState } from 'react';
import type { EscapeMode, RenderResult } from '../../../../shared/template/render';
import RenderWorker from './render.worker?worker';
import type { RenderRequest, RenderResponse } from './render.worker';

export function usePreviewRender(text: string, event: unknown, escape: EscapeMode): RenderResult | undefined {
  const [result, setResult] = useState<RenderResult>();
  const worker = useRef<Worker | null>(null);
  const seq = useRef(0);

  // Effects run in declaration order: the worker exists before the first event and render are posted.
  useEffect(() => {
    const w = new RenderWorker();
    w.onmessage = (e: MessageEvent<RenderResponse>) => {
      if (e.data.id === seq.current) setResult(e.data.result);
    };
    w.onerror = (e) => setResult({ ok: false, runtimeError: { message: `The preview renderer stopped (${e.message}); reload the page.` } });
    worker.current = w;
    return () => {
      w.terminate();
      worker.current = null;
    };
  }, []);

  useEffect(() => {
    const msg: RenderRequest = { type: 'event', event };
    worker.current?.postMessage(msg);
  }, [event]);

  // Declared after the event effect so a new event reaches the worker before the render it affects.
  useEffect(() => {
    const msg: RenderRequest = { type: 'render', id: ++seq.current, text, escape };
    worker.current?.postMessage(msg);
  }, [text, escape, event]);

  return result;
}
