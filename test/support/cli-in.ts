import { join } from 'node:path';
import { runCli } from '../../electron/cli/run-cli';
import { captureIo } from './memory-io';

/** Runs `hooksmith <args>` in-process with `cwd` as the working folder and `<cwd>/home` as its home. */
export async function cliIn(cwd: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo(cwd, env);
  const code = await runCli(['--home', join(cwd, 'home'), ...args], io);
  return { code, out: io.out, err: io.err };
}
