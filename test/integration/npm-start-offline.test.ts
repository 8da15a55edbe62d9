/**
 * `npm start` with Electron's download unreachable: its first step (scripts/install-electron.mjs) prints one
 * clear paragraph, never a stack trace. Run in a folder holding Electron's installer without its binary, the
 * download pointed at a closed loopback port, so the test never depends on (or uses) the internet.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, symlink } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir';

const ROOT = resolve(__dirname, '../..');
let dir: Awaited<ReturnType<typeof tempDir>>;
let closedPort = 0;

beforeAll(async () => {
  dir = await tempDir('hooksmith-start-');
  await mkdir(join(dir.path, 'scripts'));
  await copyFile(join(ROOT, 'scripts/install-electron.mjs'), join(dir.path, 'scripts/install-electron.mjs'));
  const electron = join(dir.path, 'node_modules/electron');
  await mkdir(electron, { recursive: true });
  for (const f of ['install.js', 'package.json', 'checksums.json']) await copyFile(join(ROOT, 'node_modules/electron', f), join(electron, f));
  await symlink(join(ROOT, 'node_modules/@electron'), join(dir.path, 'node_modules/@electron'), 'dir');
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closedPort = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
});
afterAll(() => dir.cleanup());

it('prints one paragraph: what failed, how to retry, and that npm run web runs the same app; exit 1', async () => {
  const env = { PATH: process.env.PATH, HOME: dir.path, ELECTRON_MIRROR: `http://127.0.0.1:${closedPort}/`, electron_config_cache: join(dir.path, 'cache') };
  const r = await promisify(execFile)(process.execPath, ['scripts/install-electron.mjs'], { cwd: dir.path, env }).then(
    () => ({ code: 0, err: '' }),
    (e: { code: number; stderr: string }) => ({ code: e.code, err: e.stderr }),
  );
  expect(r.code).toBe(1);
  const version = (await import(join(ROOT, 'node_modules/electron/package.json'), { with: { type: 'json' } })).default.version as string;
  expect(r.err).toMatch(new RegExp(`^Hooksmith could not start the desktop app: Electron ${version.replace(/\./g, '\\.')}, which is downloaded once on first start, could not be fetched from the mirror http://127\\.0\\.0\\.1:${closedPort}/ \\(.+\\)\\. `));
  expect(r.err).toContain('run `npm start` again');
  expect(r.err).toContain('`npm run web` runs the same app in your browser');
  // One paragraph: a single line, and nothing of a stack trace.
  expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  expect(r.err).not.toMatch(/^\s+at /m);
  expect(r.err).not.toMatch(/node_modules|\.js:\d+/);
});
