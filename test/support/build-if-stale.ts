/**
 * Global setup of the integration and e2e projects: builds `out/` once, before any test file runs, when it is
 * missing or older than the sources, so tests of the built CLI and of browser mode never run a stale build.
 * A current build (as after `npm test`'s own build step) is left alone.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { buildProblem, ROOT } from './built-output';

export default function setup(): void {
  const problem = buildProblem();
  if (!problem) return;
  process.stderr.write(`Building first: ${problem}.\n`);
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const after = buildProblem();
  if (after) throw new Error(`The build did not bring out/ up to date (${after}).`);
}
