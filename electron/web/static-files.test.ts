import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDITOR_WORKER_CONTENT_SECURITY_POLICY, RENDER_WORKER_CONTENT_SECURITY_POLICY } from '../../shared/security/csp';
import { tempDir } from '../../test/support/temp-dir';
import { resolveStatic } from './static-files';

let dir: { path: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  dir = await tempDir();
  await mkdir(join(dir.path, 'assets'));
  for (const name of ['editor.worker-Ab1.js', 'json.worker-Cd2.js', 'render.worker-Ef3.js', 'index-Gh4.js']) await writeFile(join(dir.path, 'assets', name), '//');
});
afterAll(() => dir.cleanup());

describe('worker scripts are served with their own policy (app:// and browser mode alike)', () => {
  it("Monaco's editor and JSON workers: no eval, no network; render workers: eval only; other scripts: none", async () => {
    const csp = async (path: string) => (await resolveStatic(dir.path, path)).headers['content-security-policy'];
    expect(await csp('/assets/editor.worker-Ab1.js')).toBe(EDITOR_WORKER_CONTENT_SECURITY_POLICY);
    expect(await csp('/assets/json.worker-Cd2.js')).toBe(EDITOR_WORKER_CONTENT_SECURITY_POLICY);
    expect(await csp('/assets/render.worker-Ef3.js')).toBe(RENDER_WORKER_CONTENT_SECURITY_POLICY);
    expect(await csp('/assets/index-Gh4.js')).toBeUndefined();
  });
});
