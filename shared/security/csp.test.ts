import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, isRenderWorkerPath, RENDER_WORKER_CONTENT_SECURITY_POLICY } from './csp';

describe('content security policies', () => {
  it('never allows eval in the page, only in the render workers, which may not connect anywhere', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(RENDER_WORKER_CONTENT_SECURITY_POLICY).toContain("'unsafe-eval'");
    expect(RENDER_WORKER_CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
  });

  it('recognises the built render workers and nothing else', () => {
    expect(isRenderWorkerPath('/assets/render.worker-BvqllufL.js')).toBe(true);
    expect(isRenderWorkerPath('file:///app/out/renderer/assets/robustness.worker-a_b-1.js')).toBe(true);
    expect(isRenderWorkerPath('/assets/editor.worker-D1-srg3m.js')).toBe(false);
    expect(isRenderWorkerPath('/assets/index-PuiihcTZ.js')).toBe(false);
    expect(isRenderWorkerPath('/assets/render.worker-x.js.map')).toBe(false);
  });
});
