/**
 * A process killed at every write and fsync of its work on the history (issue 10, the torture suite's SIGKILL made
 * deterministic): appends that start new segments, deletions that empty the segment being appended to (`settle`
 * rolls to a new one and deletes the old), and an open that rewrites the index. The kill is an exception thrown
 * from the file layer before the call, or half way through a write (a torn line), after which the store is left as
 * a dead process leaves it: nothing more runs, its lock or mark names a process that is gone. Then the folder is
 * opened afresh: every acknowledged record is there and reads back, and no acknowledged deletion came undone.
 * Run as the owner, and as a guest beside an idle owner.
 */
import { describe, expect, it } from 'vitest';
import { appendFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeRecord } from '../../../test/support/invocation-fixtures';
import { fileLayerFolder } from '../../../test/support/file-layer-interleave';
import { fileLayer } from './line-files';
import { InvocationStore } from './invocation-store';

const dir = fileLayerFolder('hooksmith-kill-points-');
/** The real file layer, for the fault injections below to call through. */
const real = { ...fileLayer };

const NO_LIMITS = { maxRecords: null, maxAgeDays: null, maxTotalBytes: null };
const open = (path: string) => InvocationStore.open(path, { retention: NO_LIMITS, maxSegmentBytes: 2048 });
const at = (i: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString();

class Killed extends Error {}

/** What the dying process had acknowledged: records appended and synced, deletions returned. */
interface Acks {
  kept: Set<string>;
  removed: Set<string>;
}

/** The work: appends that roll, deletions that empty the current segment, a reopen that rewrites the index. */
function work(path: string, first: InvocationStore, acks: Acks, onStore: (s: InvocationStore) => void): void {
  let s = first;
  const append = (id: string, i: number) => {
    s.append(makeRecord({ id, startedAt: at(i) }, 700));
    s.sync();
    acks.kept.add(id);
  };
  const remove = (ids: string[]) => {
    // A deletion cut short by the kill may or may not have happened: these ids are checked again once it returned.
    for (const id of ids) acks.kept.delete(id);
    s.remove(ids);
    for (const id of ids) acks.removed.add(id);
  };
  for (let i = 0; i < 5; i++) append(`a${i}`, i);
  remove(['a3', 'a4']); // the segment being appended to is emptied
  append('b0', 10);
  s.close();
  appendFileSync(join(path, 'index.jsonl'), 'not json\n'); // the next owner's open rewrites the index
  s = open(path);
  onStore(s);
  append('b1', 11);
  remove(['b1']);
  append('b2', 12);
}

/** Makes the folder's lock and marks name a process that is gone (our pid, another start time). */
function die(path: string): void {
  for (const name of readdirSync(path)) if (name === '.lock' || name.endsWith('.guest')) writeFileSync(join(path, name), `${process.pid} 1 -`);
}

describe('a process killed at every write and fsync', () => {
  for (const role of ['owner', 'guest'] as const) {
    it(`as the ${role}: a fresh open has every acknowledged record and no acknowledged deletion undone`, async () => {
      let trials = 0;
      for (const torn of [false, true]) {
        for (let point = 0; ; point++) {
          const path = join(dir.path, `${role}-${torn ? 'torn' : 'before'}-${point}`);
          const owner = role === 'guest' ? open(path) : undefined;
          owner?.append(makeRecord({ id: 'o0', startedAt: at(0) }, 100));
          const acks: Acks = { kept: new Set(owner ? ['o0'] : []), removed: new Set() };
          const first = open(path);
          expect(first.owner).toBe(role === 'owner');
          let current = first;
          let calls = 0;
          let killed = false;
          const kill = <A extends unknown[], R>(call: (...args: A) => R, isWrite: boolean) =>
            (...args: A): R => {
              if (killed || calls++ !== point) return call(...args);
              killed = true;
              if (torn && isWrite) {
                const [fd, data, offset, length] = args as unknown as [number, Buffer, number, number];
                real.write(fd, data, offset, Math.max(1, Math.floor(length / 2)));
              }
              throw new Killed(`killed at call ${point}`);
            };
          fileLayer.write = kill(real.write, true);
          fileLayer.sync = kill(real.sync, false);
          fileLayer.fullSync = kill(real.fullSync, false);
          try {
            work(path, first, acks, (s) => (current = s));
          } catch (e) {
            if (!killed) throw e;
          } finally {
            Object.assign(fileLayer, real);
          }
          if (!killed) {
            current.close();
            owner?.close();
            break;
          }
          // Dead: nothing of this store runs again (not even its pending group commit).
          (current as unknown as { commit: { cancel(): void } }).commit.cancel();
          owner?.close();
          die(path);
          const where = `${role}, ${torn ? 'a torn write' : 'before the call'} at call ${point}`;
          const fresh = InvocationStore.open(path, { retention: NO_LIMITS });
          expect(fresh.owner, where).toBe(true);
          const listed = (await fresh.query({ limit: 1000 })).items.map((i) => i.id);
          for (const id of acks.kept) expect(await fresh.get(id), `${id} was acknowledged (${where})`).toMatchObject({ id });
          for (const id of acks.removed) expect(listed, `${id} was deleted (${where})`).not.toContain(id);
          fresh.close();
          trials++;
        }
      }
      console.log(`a process killed at every write and fsync (${role}): ${trials} trials`);
      expect(trials).toBeGreaterThan(20);
    });
  }
});
