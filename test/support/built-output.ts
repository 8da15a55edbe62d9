/**
 * The build (`out/`) that tests of the built CLI and of browser mode run. Such a test must never run an old
 * build and pass (or fail) for code that is no longer there, and never skip because the build is missing: the
 * integration and e2e projects build first when `out/` is missing or older than the sources (see
 * `build-if-stale.ts`), and each such test checks again here and fails, naming the file, if that did not happen.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

/** The files a build writes that the tests run; the oldest of them dates the build. */
const OUTPUTS = ['out/main/cli.js', 'out/main/web.js', 'out/renderer/index.html'];
/** What the build is made from (tests excluded: they are not built). */
const SOURCES = ['electron', 'shared', 'renderer', 'bin', 'package.json', 'electron.vite.config.ts'];

function newestSource(path: string): { file: string; mtimeMs: number } | null {
  const st = statSync(path);
  if (!st.isDirectory()) return /\.test\.tsx?$/.test(path) ? null : { file: path, mtimeMs: st.mtimeMs };
  let newest: { file: string; mtimeMs: number } | null = null;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules') continue;
    const found = newestSource(join(path, entry));
    if (found && (!newest || found.mtimeMs > newest.mtimeMs)) newest = found;
  }
  return newest;
}

/** Why `out/` cannot be used as it is (missing, or older than a named source file); null when it is current. */
export function buildProblem(root = ROOT): string | null {
  const missing = OUTPUTS.filter((f) => !existsSync(join(root, f)));
  if (missing.length > 0) return `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing`;
  const builtAt = Math.min(...OUTPUTS.map((f) => statSync(join(root, f)).mtimeMs));
  for (const source of SOURCES) {
    const newest = existsSync(join(root, source)) ? newestSource(join(root, source)) : null;
    if (newest && newest.mtimeMs > builtAt) return `out/ is older than ${relative(root, newest.file)}`;
  }
  return null;
}

/** The absolute path of a built file (e.g. `out/main/cli.js`); throws, saying how to fix it, when the build is missing or stale. */
export function builtFile(file: string): string {
  const problem = buildProblem();
  if (problem) throw new Error(`The build is not current (${problem}): run \`npm run build\` first (npm test does).`);
  return join(ROOT, file);
}
