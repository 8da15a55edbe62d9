/**
 * The built `hooksmith send` as its own process, with HTTPS_PROXY set the way curl accepts it: it reports a
 * proxy that never answers, then exits (no connection to the proxy is left holding the process open).
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startRawPeer, type RawPeer } from '../servers/raw-peer';
import { builtBin } from '../support/built-cli';
import { tempDir } from '../support/temp-dir';
import { webhookInput } from '../support/webhook-fixtures';


let dir: { path: string; cleanup: () => Promise<void> };
let silent: RawPeer;
beforeEach(async () => {
  [dir, silent] = await Promise.all([tempDir('hooksmith-cli-proxy-'), startRawPeer()]);
});
afterEach(async () => {
  await Promise.all([silent.close(), dir.cleanup()]);
});

/** Runs the CLI; a process still running after `limitMs` is killed and reported as `hung`. */
function hooksmith(args: string[], env: Record<string, string>, limitMs: number): Promise<{ code: number | null; hung: boolean; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [builtBin(), ...args], { env: { PATH: process.env.PATH ?? '', HOOKSMITH_HOME: join(dir.path, 'home'), ...env }, timeout: limitMs }, (error, stdout) => {
      const e = error as (Error & { code?: unknown; killed?: boolean }) | null;
      resolve({ code: e ? (typeof e.code === 'number' ? e.code : null) : 0, hung: e?.killed === true, out: stdout });
    });
  });
}

describe('hooksmith send through a proxy that never answers CONNECT', () => {
  it('reports the proxy timeout, closes the connection and exits 1', async () => {
    const file = join(dir.path, 'hook.json');
    await writeFile(file, JSON.stringify({ schemaVersion: 1, ...webhookInput({ url: 'https://example.invalid/hook', timeoutSeconds: 1 }) }));
    const r = await hooksmith(['send', file], { HTTPS_PROXY: `127.0.0.1:${silent.port}` }, 15_000);
    expect(r.hung).toBe(false);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/Error \(connect-timeout\): .*proxy at 127\.0\.0\.1:\d+/);
    expect(r.out).toContain(`Warning: Sent through proxy http://127.0.0.1:${silent.port} (from HTTPS_PROXY).`);
    expect(silent.accepted()).toBe(1);
    await vi.waitFor(() => expect(silent.open()).toBe(0));
  });
});
