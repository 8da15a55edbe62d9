/**
 * The built `hooksmith` binary (bin/hooksmith.js → out/main/cli.js) as a child process, for what only a real
 * process shows: signals (Ctrl+C), exit codes, and file permissions seen by another user.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { chmod, cp, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtFile, ROOT } from './built-output';

export interface CliExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

export interface CliProcess {
  child: ChildProcessWithoutNullStreams;
  /** Resolves when the process has exited and its output is complete. */
  done: Promise<CliExit>;
}

export interface CliOptions {
  cwd: string;
  /** Added to a minimal environment (PATH and HOME only), so the caller's proxies and HOOKSMITH_HOME stay out. */
  env?: Record<string, string>;
  /** Run as this user (the test must be root to ask). */
  user?: { uid: number; gid: number };
}

/** `bin/hooksmith.js` of the checkout; throws, saying how to fix it, when the build is missing or stale. */
export function builtBin(): string {
  builtFile('out/main/cli.js');
  return join(ROOT, 'bin', 'hooksmith.js');
}

let readableCopy: Promise<string> | null = null;

/** Gives everyone read access (and search access to folders) under `path`, whatever the umask was. */
async function openUp(path: string, isDir: boolean): Promise<void> {
  await chmod(path, isDir ? 0o755 : 0o644);
  if (!isDir) return;
  for (const e of await readdir(path, { withFileTypes: true })) await openUp(join(path, e.name), e.isDirectory());
}

/**
 * The built CLI and its runtime dependencies, copied once per test process to a temp folder every user may
 * read, for a run as another user: the checkout may sit where only root may enter (a clone under `mktemp -d`
 * is mode 0700), and that user must still be able to load the program.
 */
function binForAnyUser(): Promise<string> {
  readableCopy ??= (async () => {
    builtBin();
    const dir = await mkdtemp(join(tmpdir(), 'hooksmith-built-cli-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    await cp(join(ROOT, 'bin'), join(dir, 'bin'), { recursive: true });
    await cp(join(ROOT, 'out', 'main'), join(dir, 'out', 'main'), { recursive: true });
    await cp(join(ROOT, 'package.json'), join(dir, 'package.json'));
    // The packages the bundle leaves external: everything package-lock.json does not mark as dev-only.
    const lock = JSON.parse(await readFile(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    const runtime = Object.entries(lock.packages).filter(([path, p]) => path.startsWith('node_modules/') && !p.dev && existsSync(join(ROOT, path)));
    for (const [path] of runtime) await cp(join(ROOT, path), join(dir, path), { recursive: true, dereference: true });
    await openUp(dir, true);
    return join(dir, 'bin', 'hooksmith.js');
  })();
  return readableCopy;
}

function spawnCli(bin: string, args: string[], opts: CliOptions): CliProcess {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...opts.env };
  const child = spawn(process.execPath, [bin, ...args], { cwd: opts.cwd, env, stdio: ['pipe', 'pipe', 'pipe'], ...opts.user });
  child.stdin.end();
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const done = new Promise<CliExit>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, out, err }));
  });
  return { child, done };
}

/** Starts `hooksmith <args>` as this user; fails clearly when the CLI has not been built or is older than the sources. */
export function startCli(args: string[], opts: Omit<CliOptions, 'user'>): CliProcess {
  return spawnCli(builtBin(), args, opts);
}

/** Runs `hooksmith <args>` to its end; as `opts.user` from a copy that user can read, when given. */
export async function runCli(args: string[], opts: CliOptions): Promise<CliExit> {
  return spawnCli(opts.user ? await binForAnyUser() : builtBin(), args, opts).done;
}
