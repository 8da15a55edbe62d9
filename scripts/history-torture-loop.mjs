#!/usr/bin/env node
/**
 * Runs the two-process SIGKILL scenario of the history torture suite (test/support/two-process-torture.ts) many
 * times, each run with seeds of its own, and keeps a trace of every run that loses a record: the children's events
 * and a copy of the history folder at the failing check. Not part of the suite (a rare loss needs dozens of runs);
 * run it niced on a shared machine:
 *
 *   nice node scripts/history-torture-loop.mjs [runs=24] [clears=0|1|both] [traceDir=/tmp/history-torture-traces]
 *
 * Prints one line per run and a summary; exits 1 when any run lost a record.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'rolldown';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.argv[2] ?? 24);
const which = process.argv[3] ?? 'both';
const traceDir = process.argv[4] ?? join(tmpdir(), 'history-torture-traces');
const bundles = mkdtempSync(join(tmpdir(), 'history-torture-bundles-'));
const childScript = join(bundles, 'child.mjs');
const runner = join(bundles, 'runner.mjs');
const quiet = { platform: 'node', write: true, logLevel: 'silent' };
await build({ ...quiet, input: join(root, 'test/support/history-torture-child.ts'), output: { file: childScript, format: 'esm' } });
await build({ ...quiet, input: join(root, 'test/support/two-process-torture.ts'), output: { file: runner, format: 'esm' } });
const { twoProcessTorture } = await import(pathToFileURL(runner).href);

let lost = 0;
let checks = 0;
for (let i = 0; i < runs; i++) {
  const clears = which === 'both' ? i % 2 === 1 : which === '1';
  // Each run starts its children at seeds of its own (40 apart: a run starts at most 18 children).
  const firstSeed = 1 + i * 40;
  const workDir = mkdtempSync(join(tmpdir(), 'history-torture-run-'));
  const snapshotDir = join(traceDir, `run-${i}-seed-${firstSeed}${clears ? '-clears' : ''}`);
  const r = await twoProcessTorture({ clears, workDir, childScript, firstSeed, snapshotDir });
  checks += r.checks;
  const bad = r.missing.length > 0 || r.failures.length > 0;
  console.log(`run ${i} (seed ${firstSeed}${clears ? ', clears' : ''}): ${r.kills} kills, ${r.acknowledged} acknowledged, ${r.checks} checks${bad ? `, LOST ${r.missing.length}, failures ${r.failures.length}` : ''}`);
  if (bad) {
    lost++;
    mkdirSync(snapshotDir, { recursive: true });
    writeFileSync(join(snapshotDir, 'trace.txt'), [...r.missing, ...r.failures, '', ...r.log].join('\n') + '\n');
    console.log(`  trace in ${snapshotDir}`);
  }
  rmSync(workDir, { recursive: true, force: true });
}
rmSync(bundles, { recursive: true, force: true });
console.log(`${runs} runs, ${runs - lost} without a loss, ${checks} record checks`);
process.exit(lost ? 1 : 0);
