/**
 * Taking over a stale lock (a killed holder's) while another process does the same: the competitor takes the lock
 * (by the same protocol, in one step) and releases it at every pair of points of our takeover's file operations
 * (`lockLayer` in owner-lock.ts). Whatever the
 * interleaving, the two never hold it at once, and once both have let go the lock is free: a lock left naming a
 * live process that holds nothing would make every later save wait 15 s and fail, for as long as that process runs.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/temp-dir';
import { lockLayer, tryLock } from './owner-lock';
import { startTicks } from './process-identity';

let dir: { path: string; cleanup: () => Promise<void> };
let competitor: ChildProcess | undefined;
const real = { ...lockLayer };
beforeEach(async () => (dir = await tempDir('hooksmith-takeover-')));
afterEach(async () => {
  Object.assign(lockLayer, real);
  competitor?.kill('SIGKILL');
  competitor = undefined;
  await dir.cleanup();
});

/** The identity another live process writes into its lock (see process-identity.ts). */
async function liveOtherIdentity(): Promise<string> {
  competitor = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  await new Promise((resolve) => competitor!.once('spawn', resolve));
  const boot = existsSync('/proc/sys/kernel/random/boot_id') ? readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() : '-';
  return `${competitor.pid} ${startTicks(competitor.pid!) ?? '-'} ${boot}`;
}

describe('taking over a stale lock while another process does too', () => {
  it('at every point of the takeover, never two holders, and the lock is free once both let go', async () => {
    const path = join(dir.path, 'hooksmith.json.lock');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    const other = await liveOtherIdentity();
    let trials = 0;
    for (let takeAt = 0; ; takeAt++) {
      let reachedTake = false;
      for (let releaseAt = takeAt + 1; ; releaseAt++) {
        writeFileSync(path, `${dead} - -`); // the killed holder's lock
        let op = 0;
        let otherHolds = false;
        let weHold = false;
        let released = false;
        // The competitor runs the same protocol, whole, at this point: it removes the stale lock unless someone is
        // breaking it (holds `.break`), then takes the lock if it is free (a link: the file appears whole).
        const otherTakes = () => {
          const seen = () => {
            try {
              return real.read(path).trim();
            } catch {
              return null;
            }
          };
          if (seen()?.startsWith(`${dead} `) && !existsSync(`${path}.break`)) real.remove(path);
          if (seen() !== null) return;
          writeFileSync(`${path}.other`, other);
          real.link(`${path}.other`, path);
          real.remove(`${path}.other`);
          otherHolds = true;
        };
        // Its release, as `release` in owner-lock.ts does it: only a lock that still names it.
        const otherReleases = () => {
          try {
            if (real.read(path).trim() === other) real.remove(path);
          } catch {
            /* gone */
          }
          otherHolds = false;
          released = true;
        };
        const step = () => {
          if (op === takeAt) {
            reachedTake = true;
            otherTakes();
          }
          if (op === releaseAt && otherHolds) otherReleases();
          op++;
        };
        lockLayer.link = (existing, target) => {
          step();
          real.link(existing, target);
          if (target === path && existing === `${path}.${process.pid}`) {
            // We just took it: the competitor must not hold it now.
            expect(otherHolds, `takeAt ${takeAt}, releaseAt ${releaseAt}`).toBe(false);
            weHold = true;
          }
        };
        lockLayer.remove = (p) => (step(), real.remove(p));
        lockLayer.read = (p) => (step(), real.read(p));
        const taken = tryLock(path);
        Object.assign(lockLayer, real);
        if (!reachedTake) break;
        if (otherHolds) otherReleases();
        if (typeof taken === 'function') {
          expect(weHold).toBe(true);
          taken();
        }
        // Both let go: the lock is free for the next change.
        const next = tryLock(path);
        expect(typeof next, `takeAt ${takeAt}, releaseAt ${releaseAt}: the lock was left held (${existsSync(path) ? readFileSync(path, 'utf8') : 'no file'})`).toBe('function');
        if (typeof next === 'function') next();
        trials++;
        if (!released || op <= releaseAt) break;
      }
      if (!reachedTake) break;
    }
    expect(trials).toBeGreaterThan(3);
    console.log(`stale-lock takeovers: ${trials} interleavings`);
  });
});
