/**
 * The history torture suite (issue 10): tests, not timings. After each trial the store must open, every
 * acknowledged record must be there and readable, and nothing retention should keep may be gone.
 *
 * 1. A torn last line at every byte offset of the last record, in a segment and in the index.
 * 2. A full disk and I/O errors injected through the file layer (`fileLayer` in line-files.ts) at every point of
 *    an append's writes.
 * 3. A power cut: every file cut back to what was last fsynced.
 * 4. Two real child processes on one folder, appending, deleting, reopening (compaction) and applying retention,
 *    SIGKILLed at random moments (test/support/two-process-torture.ts); then the same with clears in the mix. A
 *    record must be kept when its append began after the last clear ended: one whose append overlapped a clear
 *    may have been seen, and so taken, by it. clear-race.test.ts pins every interleaving of a clear and an append
 *    down, owner-guest-races.test.ts a guest's append during the owner's open and a guest's emptied segment.
 *
 * Each part prints how many trials it ran.
 */
import { fstatSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appErrorOf } from '../../shared/api/result';
import { fileLayerFolder } from '../support/file-layer-interleave';
import { fileLayer } from '../../electron/services/history/line-files';
import { InvocationStore } from '../../electron/services/history/invocation-store';
import { makeRecord } from '../support/invocation-fixtures';
import { twoProcessTorture } from '../support/two-process-torture';

const dir = fileLayerFolder('hooksmith-torture-');
/** The real file layer, for the fault injections below to call through. */
const real = { ...fileLayer };

const NO_LIMITS = { maxRecords: null, maxAgeDays: null, maxTotalBytes: null };
const open = (path = dir.path) => InvocationStore.open(path, { retention: NO_LIMITS });
const segments = (path = dir.path) => readdirSync(path).filter((f) => /^seg-\d+\.jsonl$/.test(f));

/** Opens the folder and checks that each id is there and reads back whole. */
async function expectAll(ids: readonly string[], path = dir.path): Promise<InvocationStore> {
  const s = open(path);
  for (const id of ids) expect(await s.get(id), id).toMatchObject({ id });
  return s;
}

describe('torn last lines', () => {
  it('at every byte offset of the last record, in its segment and in the index, the store opens with every earlier record', async () => {
    // What the page cache holds is under test here, not the disk: fsyncs would only make 2,500 trials slow.
    fileLayer.sync = fileLayer.fullSync = () => {};
    const s = open();
    for (const id of ['a', 'b', 'c']) s.append(makeRecord({ id }, 40));
    s.close();
    const seg = join(dir.path, segments()[0]!);
    const index = join(dir.path, 'index.jsonl');
    const segBytes = readFileSync(seg);
    const indexBytes = readFileSync(index);
    const lastSegLine = segBytes.lastIndexOf(0x0a, segBytes.length - 2) + 1;
    const lastIndexLine = indexBytes.lastIndexOf(0x0a, indexBytes.length - 2) + 1;
    let trials = 0;
    for (const [file, bytes, start] of [
      [seg, segBytes, lastSegLine],
      [index, indexBytes, lastIndexLine],
    ] as const) {
      for (let cut = start; cut < bytes.length; cut++) {
        writeFileSync(seg, segBytes);
        writeFileSync(index, indexBytes);
        truncateSync(file, cut);
        const t = await expectAll(['a', 'b']);
        // A torn index line loses nothing (the segment line is whole); a torn segment line loses that record only.
        expect(t.size).toBe(file === index ? 3 : 2);
        // And (every few offsets) the next append lands whole after whatever was torn.
        if (cut % 16 === 0) t.append(makeRecord({ id: 'next' }, 40));
        t.close();
        if (cut % 16 === 0) (await expectAll(['a', 'b', 'next'])).close();
        trials++;
      }
    }
    console.log(`torn last lines: ${trials} trials (every byte offset of the last segment and index line)`);
    expect(trials).toBe(segBytes.length - lastSegLine + indexBytes.length - lastIndexLine);
  }, 120_000);
});

describe('a full disk and write errors', () => {
  it('at every point of an append, the append fails typed, acknowledged records stay, and appends work once there is room', async () => {
    let trials = 0;
    // Each trial fails the write budget bytes into one append (ENOSPC or EIO), at many points of its two writes.
    for (const code of ['ENOSPC', 'EIO']) {
      for (let budget = 0; budget < 4000; budget += 151) {
        const folder = join(dir.path, `${code}-${budget}`);
        const s = InvocationStore.open(folder, { retention: NO_LIMITS });
        const acked: string[] = [];
        for (let i = 0; i < 3; i++) {
          s.append(makeRecord({ id: `ok${i}` }, 200));
          acked.push(`ok${i}`);
        }
        let left = budget;
        fileLayer.write = (fd, data, offset, length) => {
          if (left <= 0) throw Object.assign(new Error(`${code}: injected`), { code });
          const n = real.write(fd, data, offset, Math.min(length, left));
          left -= n;
          return n;
        };
        let failed = false;
        try {
          s.append(makeRecord({ id: 'doomed' }, 2000));
          acked.push('doomed'); // the budget covered the whole append: it is acknowledged
        } catch (e) {
          failed = true;
          expect(appErrorOf(e)?.code).toBe('storage-unwritable');
        }
        fileLayer.write = real.write;
        s.append(makeRecord({ id: 'after' }, 200));
        acked.push('after');
        expect(await s.get('after')).toMatchObject({ id: 'after' });
        s.close();
        const again = await expectAll(acked, folder);
        // A failed append may or may not have left its record behind; nothing else appeared.
        expect(again.size - acked.length).toBeLessThanOrEqual(failed ? 1 : 0);
        again.close();
        trials++;
      }
    }
    console.log(`full disk and I/O errors: ${trials} trials`);
  });
});

/**
 * Notes what each file (by inode) held at its last fsync through the file layer; `cut` then cuts every `.jsonl` in a
 * folder back to that (files never fsynced keep nothing), as a power cut would, and puts the real file layer back.
 * A file deleted before the cut stays deleted: the deletion may reach the disk before data not yet fsynced.
 */
function trackFsyncs(): { cut(folder: string): void } {
  const synced = new Map<number, number>();
  const track = (fd: number) => synced.set(fstatSync(fd).ino, fstatSync(fd).size);
  fileLayer.sync = (fd) => (real.sync(fd), track(fd));
  fileLayer.fullSync = (fd) => (real.fullSync(fd), track(fd));
  return {
    cut(folder) {
      for (const f of readdirSync(folder).filter((n) => n.endsWith('.jsonl'))) {
        const path = join(folder, f);
        truncateSync(path, Math.min(statSync(path).size, synced.get(statSync(path).ino) ?? 0));
      }
      Object.assign(fileLayer, real);
    },
  };
}

describe('a power cut', () => {
  it('files cut back to their last fsync keep every record whose delivery was acknowledged (synced)', async () => {
    let trials = 0;
    for (let round = 0; round < 15; round++) {
      const folder = join(dir.path, `cut-${round}`);
      const power = trackFsyncs();
      const s = InvocationStore.open(folder, { retention: NO_LIMITS, maxSegmentBytes: 16 * 1024 });
      const acked: string[] = [];
      for (let i = 0; i < 20 + round; i++) {
        s.append(makeRecord({ id: `r${i}` }, (i * 37) % 900));
        // Deliveries are synced before they are shown; other appends wait for the group commit.
        if ((i + round) % 3 !== 0) {
          s.sync();
          acked.push(`r${i}`);
        }
      }
      // The power goes: nothing after the last fsync reached the disk (the process never closes).
      power.cut(folder);
      // The dead process's lock is still there (its pid is ours, alive): a new process is a guest, which must read
      // every acknowledged record all the same.
      (await expectAll(acked, folder)).close();
      trials++;
    }
    console.log(`power cuts: ${trials} trials`);
  });

  it('right after a lowered size cap copied the newest records out of the segment it deleted, keeps every one it kept', async () => {
    const power = trackFsyncs();
    const s = open();
    // ~1.4 MB of acknowledged records in one segment, then a 512 KB cap: the newest that fit are copied, the segment goes.
    for (let i = 0; i < 400; i++) s.append(makeRecord({ id: `r${i}` }, 3000));
    s.sync();
    s.retention = { ...NO_LIMITS, maxTotalBytes: 512 * 1024 };
    s.enforceRetention();
    // The newest records that fit, as the store reports them kept, and the power goes at once (before the group
    // commit's timer, which an await here would let run).
    const kept = Array.from({ length: s.size }, (_, i) => `r${399 - i}`);
    power.cut(dir.path);
    expect(kept.length).toBeGreaterThan(50);
    (await expectAll(kept)).close();
  });
});

/** Runs the two-process scenario (test/support/two-process-torture.ts) in this test's folder and checks its outcome. */
async function twoProcesses(clears: boolean): Promise<void> {
  const { build } = await import('rolldown');
  const childScript = join(dir.path, 'child.mjs');
  await build({ input: join(__dirname, '../support/history-torture-child.ts'), platform: 'node', output: { file: childScript, format: 'esm' }, write: true, logLevel: 'silent' });
  const run = await twoProcessTorture({ clears, workDir: dir.path, childScript });
  console.log(`random SIGKILL, two processes${clears ? `, ${run.clears} clears` : ''}: ${run.kills} kills, ${run.acknowledged} acknowledged appends, ${run.checks} record checks`);
  expect(run.failures).toEqual([]);
  expect(run.missing).toEqual([]);
  expect(run.acknowledged).toBeGreaterThan(0);
  expect(run.checks).toBeGreaterThan(0);
  if (clears) expect(run.clears).toBeGreaterThan(0);
}

describe('two processes, SIGKILLed at random', () => {
  // This lost a record in about one run in twelve, from two causes now pinned down deterministically in
  // electron/services/history/owner-guest-races.test.ts. To loop it cheaply: scripts/history-torture-loop.mjs.
  it('after every kill the store opens with every acknowledged record that no deletion or retention took', () => twoProcesses(false), 120_000);

  it('with clears in the mix: every record appended after a clear ended is kept', () => twoProcesses(true), 120_000);
});
