/** The real process as a {@link CliIo}. */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PRIVATE_FILE_MODE } from '../services/storage/private-files';
import type { CliIo } from './cli-io';
import { interruptsFrom } from './interrupt';

export function processIo(): CliIo {
  const cwd = process.cwd();
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    readFile: (p) => readFile(resolve(cwd, p), 'utf8'),
    writeFile: (p, t) => writeFile(resolve(cwd, p), t, { mode: PRIVATE_FILE_MODE }),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin as AsyncIterable<Buffer>) chunks.push(c);
      return Buffer.concat(chunks).toString('utf8');
    },
    env: process.env,
    cwd,
    onInterrupt: interruptsFrom(process, (code) => process.exit(code)),
  };
}
