import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, EDITOR_WORKER_CONTENT_SECURITY_POLICY, isRenderWorkerPath, RENDER_WORKER_CONTENT_SECURITY_POLICY, workerContentSecurityPolicy } from './csp';

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

  it("gives Monaco's editor and JSON workers a policy of their own: their script only, no eval, no network", () => {
    expect(workerContentSecurityPolicy('/assets/editor.worker-D1-srg3m.js')).toBe(EDITOR_WORKER_CONTENT_SECURITY_POLICY);
    expect(workerContentSecurityPolicy('/x/out/renderer/assets/json.worker-Ab_c.js')).toBe(EDITOR_WORKER_CONTENT_SECURITY_POLICY);
    expect(workerContentSecurityPolicy('/assets/render.worker-BvqllufL.js')).toBe(RENDER_WORKER_CONTENT_SECURITY_POLICY);
    expect(workerContentSecurityPolicy('/assets/index-PuiihcTZ.js')).toBeUndefined();
    expect(workerContentSecurityPolicy('/assets/json.worker-x.js.map')).toBeUndefined();
    expect(EDITOR_WORKER_CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(EDITOR_WORKER_CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });
});
