/**
 * Ownership by pid *and* process start time / boot id (issue 10 #4): a lock whose pid now belongs to another
 * process is stale; and a guest's records obey retention on disk (the owner deletes its emptied segment).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeRecord } from '../../../test/support/invocation-fixtures';
import { tempDir } from '../../../test/support/temp-dir';
import { InvocationStore } from './invocation-store';
import { identityLive, myIdentity, startTicks } from './process-identity';

let dir: { path: string; cleanup: () => Promise<void> };
let child: ChildProcess | undefined;
beforeEach(async () => (dir = await tempDir('hooksmith-owner-')));
afterEach(async () => {
  child?.kill('SIGKILL');
  child = undefined;
  await dir.cleanup();
});

const NO_LIMITS = { maxRecords: null, maxAgeDays: null, maxTotalBytes: null };
const open = () => InvocationStore.open(dir.path, { retention: NO_LIMITS });
const HAS_PROC = startTicks(process.pid) !== undefined;

/** A live process that is not us: what a reused pid looks like. */
async function otherProcess(): Promise<number> {
  child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  await new Promise((resolve) => child!.once('spawn', resolve));
  return child.pid!;
}

describe('the owner lock names a process, not just a pid', () => {
  it('writes pid, start time and boot id, and removes its own lock on close', () => {
    const s = open();
    expect(s.owner).toBe(true);
    expect(readFileSync(join(dir.path, '.lock'), 'utf8')).toBe(myIdentity());
    expect(myIdentity().split(' ')[0]).toBe(String(process.pid));
    s.close();
    expect(readdirSync(dir.path)).not.toContain('.lock');
  });

  it.skipIf(!HAS_PROC)('a lock whose pid runs but was started at another time (the pid was reused) is taken over', async () => {
    const pid = await otherProcess();
    writeFileSync(join(dir.path, '.lock'), `${pid} 1 ${readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()}`);
    const s = open();
    expect(s.owner).toBe(true);
    s.close();
  });

  it.skipIf(!HAS_PROC)('a lock from another boot is taken over even when its pid and start time match a live process', async () => {
    const pid = await otherProcess();
    writeFileSync(join(dir.path, '.lock'), `${pid} ${startTicks(pid)} 00000000-0000-0000-0000-000000000000`);
    const s = open();
    expect(s.owner).toBe(true);
    s.close();
  });

  it('a bare-pid lock (older version) of a live process, written before that process started, is stale', async () => {
    const pid = await otherProcess();
    const lock = join(dir.path, '.lock');
    writeFileSync(lock, String(pid));
    const hourAgo = new Date(Date.now() - 3600_000);
    utimesSync(lock, hourAgo, hourAgo);
    expect(identityLive(String(pid), Date.now() - 3600_000)).toBe(!HAS_PROC);
    if (!HAS_PROC) return; // nothing to tell the process's start time by
    const s = open();
    expect(s.owner).toBe(true);
    s.close();
  });

  it('a lock written before this boot is stale whatever its pid', () => {
    expect(identityLive(String(process.pid), 0)).toBe(false);
    expect(identityLive(String(process.ppid), Date.now())).toBe(true);
  });

  it('the lock of a live owner is respected: a second opener is a guest', async () => {
    const pid = await otherProcess();
    writeFileSync(join(dir.path, '.lock'), `${pid} ${startTicks(pid) ?? '-'} ${HAS_PROC ? readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() : '-'}`);
    const s = open();
    expect(s.owner).toBe(false);
    s.close();
    expect(readFileSync(join(dir.path, '.lock'), 'utf8')).toMatch(new RegExp(`^${pid} `));
  });
});

describe("a guest's records obey retention on disk", () => {
  it('a guest whose records were all deleted or expired deletes its own segment when it closes', async () => {
    const owner = open();
    const guest = InvocationStore.open(dir.path, { retention: { ...NO_LIMITS, maxAgeDays: 30 } });
    guest.append(makeRecord({ id: 'g1', startedAt: new Date().toISOString() }));
    guest.append(makeRecord({ id: 'g2', startedAt: new Date(Date.now() - 40 * 86_400_000).toISOString() })); // expires at once
    const guestSegment = readdirSync(dir.path).find((f) => f.endsWith('.guest'))!.replace('.guest', '.jsonl');
    expect(guest.remove(['g1'])).toBe(1);
    expect(owner.size).toBe(0); // the owner reads the tombstones
    expect(readdirSync(dir.path)).toContain(guestSegment); // a running guest's file stays: it may be writing
    guest.close();
    expect(readdirSync(dir.path)).not.toContain(guestSegment);
    owner.close();
  });

  it("a guest's segment whose records expired is deleted by the owner's next open once the guest is gone", async () => {
    const owner = open();
    const guest = open();
    guest.append(makeRecord({ id: 'g1' }));
    owner.remove(['g1']);
    const guestSegment = readdirSync(dir.path).find((f) => f.endsWith('.guest'))!.replace('.guest', '.jsonl');
    guest.append(makeRecord({ id: 'g2' }));
    guest.close();
    owner.close();
    const again = open();
    expect((await again.query({})).items.map((x) => x.id)).toEqual(['g2']);
    expect(readdirSync(dir.path)).toContain(guestSegment); // it still holds g2
    again.remove(['g2']);
    again.close();
    const third = open();
    expect(readdirSync(dir.path)).not.toContain(guestSegment);
    third.close();
  });
});
