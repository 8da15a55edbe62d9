/**
 * Two real child processes on one history folder, SIGKILLed at random (issue 10's torture suite, part 4): the
 * scenario itself, shared by `test/integration/history-torture.test.ts` (which asserts on what it returns) and
 * `scripts/history-torture-loop.mjs` (which runs it many times with different seeds and keeps a trace of any run
 * that loses a record, so a rare failure can be analysed after the fact).
 *
 * After each kill the folder is opened as a third process would, and every acknowledged record that no deletion,
 * retention or clear took must be there. A clear takes every record whose index row it read, so a record whose
 * append began before a clear ended may go with it, even when its append returned (or was fsynced) after the
 * clear did: the clear, a tombstone write of 0.2 ms as a guest, fits between the appender's index write and its
 * fsync. Only a record whose append began after the last clear ended (or after a clearing process was killed or
 * frozen) must be kept.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { InvocationStore } from '../../electron/services/history/invocation-store';

export interface TwoProcessOptions {
  /** Whether the children clear the history now and then. */
  clears: boolean;
  /** A folder of this run's own: the history goes in `history/` under it. */
  workDir: string;
  /** The child (test/support/history-torture-child.ts) bundled to plain JS. */
  childScript: string;
  /** The first child's seed; each child started gets the next one (a run is replayed by its seeds). */
  firstSeed?: number;
  /** Where to copy the history folder when a check finds a record missing (the trace of a failing run). */
  snapshotDir?: string;
}

export interface TwoProcessResult {
  kills: number;
  acknowledged: number;
  checks: number;
  clears: number;
  /** Children that died by themselves (not by our SIGKILL), with their stderr. */
  failures: string[];
  /** Each acknowledged record a check did not find, with the seeds running and the children's last events. */
  missing: string[];
  /** Every child's events (`<seed> <line>`), in the order they arrived. */
  log: string[];
}

const NO_LIMITS = { maxRecords: null, maxAgeDays: null, maxTotalBytes: null };
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs ten rounds of kill-and-check; see the file's comment. */
export async function twoProcessTorture(options: TwoProcessOptions): Promise<TwoProcessResult> {
  const { clears, workDir, childScript } = options;
  const history = join(workDir, 'history');
  /** Acknowledged records, by when their append began. */
  const acked = new Map<string, bigint>();
  const deleted = new Set<string>();
  let lastClearEnd = -1n;
  let seed = options.firstSeed ?? 1;
  const result: TwoProcessResult = { kills: 0, acknowledged: 0, checks: 0, clears: 0, failures: [], missing: [], log: [] };
  /** Children that have printed something (are past start-up), and any that died on their own. */
  const started = new Set<number>();
  /** Children in the middle of a clear, with when it started; and which child seed runs in each slot. */
  const clearing = new Map<number, bigint>();
  const ids: number[] = [];
  const { log } = result;
  const start = (): ChildProcess => {
    const me = seed++;
    const env = { ...process.env, TORTURE_CLEAR: clears ? '1' : '0' };
    const child = spawn(process.execPath, [childScript, history, String(me)], { stdio: ['ignore', 'pipe', 'pipe'], env });
    ids.push(me);
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      started.add(me);
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const line of lines) {
        const [kind, a, b] = line.split(' ');
        if (kind === 'A') acked.set(a!, BigInt(b!)); // when its append began
        else if (kind === 'D') deleted.add(a!);
        else if (kind === 'S') clearing.set(me, BigInt(a!));
        else if (kind === 'C') {
          clearing.delete(me);
          if (BigInt(b!) > lastClearEnd) lastClearEnd = BigInt(b!);
        }
        log.push(`${me} ${line}`);
      }
    });
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') result.failures.push(`a torture child died by itself (${signal ?? code}): ${err}`);
    });
    return child;
  };
  /** SIGKILLs a child and waits until its last output has been read ('close', not just 'exit'). */
  const stop = (child: ChildProcess) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('close', () => resolve());
      child.kill('SIGKILL');
    });
  const slots = [0, 1];
  const children = slots.map(() => start());
  const seedIn = slots.map((v) => ids[v]!);
  for (let round = 0; round < 10; round++) {
    // Let both children get going (node starts slowly on a busy machine), then kill at a varying moment.
    for (let waited = 0; seedIn.some((s) => !started.has(s)) && waited < 10_000; waited += 20) await pause(20);
    await pause((round * 53) % 170);
    // Kill one child at a random moment (sometimes both), then check the folder as a third process would.
    const victims = round % 4 === 3 ? slots : [round % 2];
    for (const v of victims) {
      await stop(children[v]!);
      result.kills++;
      // A clear cut short by the kill may have deleted anything acknowledged before now.
      if (clearing.has(seedIn[v]!)) lastClearEnd = process.hrtime.bigint();
      clearing.delete(seedIn[v]!);
    }
    // The survivor is frozen while we look (as if killed, but still holding its lock), so it cannot clear or
    // delete under the check; its last lines are let in first.
    const survivors = slots.filter((v) => !victims.includes(v));
    for (const v of survivors) children[v]!.kill('SIGSTOP');
    await pause(100);
    for (const v of survivors) if (clearing.has(seedIn[v]!)) lastClearEnd = process.hrtime.bigint();
    const s = InvocationStore.open(history, { retention: NO_LIMITS });
    let lost = false;
    for (const [id, t] of acked) {
      if (deleted.has(id) || t <= lastClearEnd) continue; // deleted on purpose, or begun before a clear ended
      if (!(await s.get(id))) {
        result.missing.push(`${id} (acknowledged, not cleared or deleted since; seeds ${seedIn.join(',')}; last events: ${log.filter((l) => l.split(' ')[1] !== 'A').slice(-8).join('; ')})`);
        lost = true;
      }
      result.checks++;
    }
    s.close();
    if (lost && options.snapshotDir) cpSync(history, join(options.snapshotDir, `round-${round}`), { recursive: true });
    for (const v of survivors) children[v]!.kill('SIGCONT');
    for (const v of victims) {
      children[v] = start();
      seedIn[v] = ids[ids.length - 1]!;
    }
  }
  for (const child of children) await stop(child);
  result.acknowledged = acked.size;
  result.clears = log.filter((l) => l.split(' ')[1] === 'C').length;
  return result;
}
