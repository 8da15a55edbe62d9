/**
 * CLI start-up against bare Node, measured in the same run: `hooksmith --version` and `hooksmith lint` of one
 * file, each as a fresh process of the built CLI (run `npm run build` first), against `node -e 0`. Prints the
 * medians and the ratios; asserts only what each run prints (timings vary too much on shared cores).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = resolve(__dirname, '../../bin/hooksmith.js');
const RUNS = 9;
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hooksmith-startup-'));
  await writeFile(join(dir, 'one.hbs'), '{"event": "{{event_type}}", "id": "{{data.id}}"}');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Median wall time (ms) of RUNS fresh processes, and the last one's output. */
function median(args: string[]): { ms: number; out: string; status: number | null } {
  const times: number[] = [];
  let last = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8' });
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    last = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: dir } });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(RUNS / 2)]!, out: last.stdout, status: last.status };
}

describe('CLI start-up', () => {
  it.skipIf(!existsSync(resolve(__dirname, '../../out/main/cli.js')))('hooksmith --version and lint of one file against node -e 0', () => {
    const baseline = median(['-e', '0']);
    const version = median([BIN, '--version']);
    const lint = median([BIN, '--home', join(dir, 'data'), 'lint', 'one.hbs']);
    expect(version).toMatchObject({ status: 0, out: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
    expect(lint).toMatchObject({ status: 0, out: '' });
    const row = (name: string, m: { ms: number }) => `${name.padEnd(28)} ${m.ms.toFixed(1).padStart(8)} ms  ${(m.ms / baseline.ms).toFixed(2)}× node -e 0`;
    console.log(['CLI start-up (median of 9 fresh processes)', row('node -e 0', baseline), row('hooksmith --version', version), row('hooksmith lint one.hbs', lint)].join('\n'));
  });
});
