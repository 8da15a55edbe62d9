import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CliIo } from '../../electron/cli/cli-io';

/** A CliIo over real files that captures stdout and stderr; `interrupt()` stands for a Ctrl+C. */
export function captureIo(cwd: string, env: Record<string, string | undefined> = {}, stdin = ''): CliIo & { out: string; err: string; interrupt: () => void } {
  const handlers = new Set<() => void>();
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
    readFile: (p: string) => readFile(resolve(cwd, p), 'utf8'),
    writeFile: (p: string, t: string) => writeFile(resolve(cwd, p), t, { mode: 0o600 }),
    readStdin: async () => stdin,
    env,
    cwd,
    onInterrupt: (handler: () => void) => {
      handlers.add(handler);
      return () => void handlers.delete(handler);
    },
    interrupt: () => handlers.forEach((h) => h()),
  };
  return io;
}
