// `npm run web [-- --port N] [--home DIR]`: builds the app if needed, then serves it in browser mode.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const rebuild = !args.includes('--no-build') || !existsSync(join(root, 'out', 'main', 'web.js'));
if (rebuild) {
  const build = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: ['ignore', process.stderr, 'inherit'] });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
// The server gets the terminal's Ctrl+C itself and stops cleanly; this wrapper just passes its exit code on.
const child = spawn(process.execPath, [join(root, 'out', 'main', 'web.js'), ...args.filter((a) => a !== '--no-build')], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 130 : 0)));
