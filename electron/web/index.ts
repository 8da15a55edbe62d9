/**
 * `npm run web`: the real backend behind the loopback bridge, serving the built UI.
 *
 * The backend runs on its own worker thread (see electron/host/backend-thread.ts), as in the desktop app: this
 * thread serves the UI and relays calls, so a long history scan never holds up the page or other calls.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startBackendThread } from '../host/backend-thread';
import { resolveDataDir } from '../platform/node-platform';
import { APP_VERSION } from '../version';
import { startWebServer } from './server';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: '0' }, home: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write('Usage: npm run web [-- --port N] [--home DIR]\n  Serves Hooksmith on 127.0.0.1 (port 0 picks a free port).\n');
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port must be a whole number from 0 to 65535, got "${values.port}".\n`);
    process.exitCode = 2;
    return;
  }
  const dataDir = resolveDataDir(values.home, process.env);
  // The worker builds `nodeSecretStore(dataDir, env)` itself: a file keyed by HOOKSMITH_SECRET_KEY, or memory.
  const backend = await startBackendThread({
    dataDir,
    secrets: { kind: 'node' },
    mode: 'web',
    version: APP_VERSION,
    env: { ...process.env },
    onRestart: (why) => process.stderr.write(`Notice: ${why}; it was started again. Calls it was answering failed with backend-restarted.\n`),
  });
  // The bundle lives in out/main; the renderer build sits beside it in out/renderer.
  const server = await startWebServer({ api: backend.api, staticDir: join(__dirname, '..', 'renderer'), port });
  // stdout carries exactly the one line scripts look for; everything else goes to stderr.
  process.stdout.write(`Hooksmith is running at ${server.url}\n`);
  process.stderr.write(`Data folder: ${dataDir}\n`);
  for (const notice of backend.notices) process.stderr.write(`Notice: ${notice}\n`);
  let stopping = false;
  const stop = () => {
    // Ctrl+C reaches both `npm run web` and this process; the second signal must not cut the clean stop short.
    if (stopping) return;
    stopping = true;
    process.stderr.write('Stopping Hooksmith…\n');
    server.close().then(
      async () => {
        await backend.close();
        process.exit(0);
      },
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`Hooksmith could not start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
