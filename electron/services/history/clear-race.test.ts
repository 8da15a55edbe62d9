/**
 * A clear in one process while another appends (issue 10), with every interleaving pinned down: two stores on
 * one folder in this process (the second is a guest, as the CLI is while the app runs), and the clear run from
 * inside the file layer at each write of the append, before or after it. Whatever the point:
 *
 * - an append that starts after the clear returned is kept: by the store that wrote it, by the other one, and
 *   on disk (a fresh open);
 * - the record whose append the clear cut into is either cleared or kept, but the same everywhere: the other
 *   process never lists a record that is not on disk, nor misses one that is.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { makeRecord } from '../../../test/support/invocation-fixtures';
import { interleave, fileLayerFolder } from '../../../test/support/file-layer-interleave';
import { InvocationStore } from './invocation-store';

const dir = fileLayerFolder('hooksmith-clear-race-');

const NO_LIMITS = { maxRecords: null, maxAgeDays: null, maxTotalBytes: null };
const at = (i: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString();

/** The ids a store lists, every page. */
async function listed(s: InvocationStore): Promise<string[]> {
  return (await s.query({ limit: 1000 })).items.map((i) => i.id).sort();
}

/** Checks that two stores and a fresh open of the folder agree on every record, and that each listed one reads back. */
async function expectSameEverywhere(path: string, stores: readonly InvocationStore[], mustKeep: readonly string[], where: string): Promise<void> {
  const fresh = InvocationStore.open(path, { retention: NO_LIMITS });
  const onDisk = await listed(fresh);
  for (const id of mustKeep) expect(onDisk, `${id} was appended after the clear returned (${where})`).toContain(id);
  for (const s of stores) {
    expect(await listed(s), `the ${s.owner ? 'owner' : 'guest'} lists what is on disk (${where})`).toEqual(onDisk);
    for (const id of onDisk) expect(await s.get(id), `${id} reads back (${where})`).toMatchObject({ id });
  }
  fresh.close();
}

describe('a clear in one process while the other appends', () => {
  const cases = [
    { clearer: 'owner', inside: 'append' },
    { clearer: 'owner', inside: 'clear' },
    { clearer: 'guest', inside: 'append' },
    { clearer: 'guest', inside: 'clear' },
  ] as const;
  for (const { clearer: who, inside } of cases) {
    const name = `the ${who} clears while the ${who === 'owner' ? 'guest' : 'owner'} appends, at every write and fsync of the ${inside}`;
    it(`${name}: the stores agree with the disk and what is appended after the clear is kept`, async () => {
      let trials = 0;
      for (const after of [false, true]) {
        for (let point = 0; ; point++) {
          const path = join(dir.path, `${after ? 'after' : 'before'}-${point}`);
          const owner = InvocationStore.open(path, { retention: NO_LIMITS, maxSegmentBytes: 4096 });
          const guest = InvocationStore.open(path, { retention: NO_LIMITS, maxSegmentBytes: 4096 });
          expect([owner.owner, guest.owner]).toEqual([true, false]);
          for (let i = 0; i < 4; i++) {
            owner.append(makeRecord({ id: `o${i}`, startedAt: at(i) }, 300));
            guest.append(makeRecord({ id: `g${i}`, startedAt: at(10 + i) }, 300));
          }
          const [appender, clearer] = who === 'owner' ? [guest, owner] : [owner, guest];
          const append = () => appender.append(makeRecord({ id: 'x', startedAt: at(100) }, 300));
          const clear = () => clearer.clear();
          const ran = inside === 'append' ? interleave(append, clear, point, after) : interleave(clear, append, point, after);
          if (!ran) {
            owner.close();
            guest.close();
            break;
          }
          // Both go on after the clear returned: what they append now must stay.
          appender.append(makeRecord({ id: 'y', startedAt: at(200) }, 300));
          clearer.append(makeRecord({ id: 'z', startedAt: at(201) }, 300));
          appender.sync();
          clearer.sync();
          await expectSameEverywhere(path, [owner, guest], ['y', 'z'], `${after ? 'after' : 'before'} call ${point}`);
          // Old records never come back, and a reopened pair still agrees.
          expect(await listed(owner)).not.toContain('o0');
          guest.close();
          owner.close();
          await expectSameEverywhere(path, [], ['y', 'z'], `reopened, ${after ? 'after' : 'before'} call ${point}`);
          trials++;
        }
      }
      console.log(`${name}: ${trials} interleavings`);
      // A guest's clear is one write (its tombstones); an append or an owner's clear are several writes and fsyncs.
      expect(trials).toBeGreaterThanOrEqual(who === 'guest' && inside === 'clear' ? 2 : 4);
    });
  }
});
