/**
 * Who may reshape the history folder.
 *
 * The app and the CLI can have the same history open at once (support runs `hooksmith replay` while the app
 * shows the history). Appending is safe for both (each line is one `write` to an O_APPEND file, and a second
 * process writes its own segment), but reshaping is not: rewriting `index.jsonl` replaces the file under the
 * other process's open descriptor, and cutting a "torn" last line may cut a line the other process is still
 * writing. So one process, the owner of `.lock`, does those; the others only append and read.
 *
 * The lock holds the owner's pid. A lock whose process is gone (killed, crashed, power cut) is stale and is
 * taken over; pid reuse after a reboot can make a stale lock look live, which only postpones compaction.
 */
import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const LOCK_FILE = '.lock';

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the folder's lock when free or stale; returns a release function, or `null` when another process owns
 * it or this one cannot write to the folder.
 */
export function tryOwn(dir: string): (() => void) | null {
  const path = join(dir, LOCK_FILE);
  // Written aside and linked into place, so no one ever reads a lock without its pid.
  const mine = join(dir, `${LOCK_FILE}.${process.pid}`);
  try {
    writeFileSync(mine, String(process.pid));
  } catch {
    // A folder this process cannot write to (permissions, a read-only disk, something in the way) cannot be
    // reshaped by it either: it opens as a guest, which reads, and whose appends fail with a clear error.
    return null;
  }
  try {
    return take(path, mine);
  } finally {
    rmSync(mine, { force: true });
  }
}

function take(path: string, mine: string): (() => void) | null {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      linkSync(mine, path);
      return release(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return exclusiveCreate(path);
      let holder = NaN;
      try {
        holder = Number(readFileSync(path, 'utf8').trim());
      } catch {
        /* removed between our open and read: try again */
      }
      if (alive(holder)) return null;
      rmSync(path, { force: true });
    }
  }
  return null;
}

/** For file systems without hard links: a plain exclusive create (a reader may briefly see it empty). */
function exclusiveCreate(path: string): (() => void) | null {
  try {
    writeFileSync(path, String(process.pid), { flag: 'wx' });
    return release(path);
  } catch {
    return null;
  }
}

function release(path: string): () => void {
  return () => {
    try {
      if (Number(readFileSync(path, 'utf8')) === process.pid) rmSync(path, { force: true });
    } catch {
      /* already gone */
    }
  };
}
