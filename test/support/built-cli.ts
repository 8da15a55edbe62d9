/**
 * The built `hooksmith` binary (bin/hooksmith.js → out/main/cli.js) as a child process, for what only a real
 * process shows: signals (Ctrl+C), exit codes, and file permissions seen by another user.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const BIN = join(__dirname, '../../bin/hooksmith.js');
const ENTRY = join(__dirname, '../../out/main/cli.js');

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

/** Starts `hooksmith <args>`; fails clearly when the CLI has not been built. */
export function startCli(args: string[], opts: CliOptions): CliProcess {
  if (!existsSync(ENTRY)) throw new Error('The CLI is not built: run `npx electron-vite build` first (npm test does).');
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...opts.env };
  const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd, env, stdio: ['pipe', 'pipe', 'pipe'], ...opts.user });
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

/** Runs `hooksmith <args>` to its end. */
export function runCli(args: string[], opts: CliOptions): Promise<CliExit> {
  return startCli(args, opts).done;
}
