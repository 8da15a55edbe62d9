/**
 * Who may reshape the history folder.
 *
 * The app and the CLI can have the same history open at once (support runs `hooksmith replay` while the app
 * shows the history). Appending is safe for both (each line is one `write` to an O_APPEND file, and a second
 * process writes its own segment), but reshaping is not: rewriting `index.jsonl` replaces the file under the
 * other process's open descriptor, and cutting a "torn" last line may cut a line the other process is still
 * writing. So one process, the owner of `.lock`, does those; the others only append and read.
 *
 * The lock holds the owner's pid, process start time and boot id (see process-identity.ts). A lock whose process
 * is gone (killed, crashed, power cut) is stale and is taken over, also when its pid now belongs to another
 * process (a reboot, or pids wrapping around): the start time or boot id then differ.
 */
import { linkSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { identityLive, myIdentity } from './process-identity';
import { join } from 'node:path';
import { PRIVATE_FILE_MODE } from '../storage/private-files';

const LOCK_FILE = '.lock';

/**
 * Takes the folder's lock when free or stale; returns a release function, or `null` when another process owns
 * it or this one cannot write to the folder.
 */
export function tryOwn(dir: string): (() => void) | null {
  const taken = tryLock(join(dir, LOCK_FILE));
  return typeof taken === 'function' ? taken : null;
}

/**
 * Takes the lock file at `path` when free or stale (the same protocol as the folder's `.lock`, also used for
 * the data file's write lock): a release function, `held` when a live process holds it, or `unwritable` when
 * this process cannot create files beside it (permissions, a read-only disk).
 */
export function tryLock(path: string): (() => void) | 'held' | 'unwritable' {
  // Written aside and linked into place, so no one ever reads a lock without its pid.
  const mine = `${path}.${process.pid}`;
  try {
    writeFileSync(mine, myIdentity(), { mode: PRIVATE_FILE_MODE });
  } catch {
    // A folder this process cannot write to (permissions, a read-only disk, something in the way) cannot be
    // reshaped by it either: it opens as a guest, which reads, and whose appends fail with a clear error.
    return 'unwritable';
  }
  try {
    return take(path, mine) ?? 'held';
  } finally {
    rmSync(mine, { force: true });
  }
}

function take(path: string, mine: string): (() => void) | null {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      linkSync(mine, path);
      return release(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return exclusiveCreate(path);
      const holder = holderOf(path);
      if (holder === 'gone') continue;
      if (holder === 'live') return null;
      // Stale: move it aside under a name of our own. Only one process's rename of this file succeeds, so two
      // processes that both saw the same dead pid cannot both remove a lock and then both own the folder.
      const aside = `${path}.stale.${process.pid}`;
      try {
        renameSync(path, aside);
      } catch {
        continue; // someone else moved or replaced it first: look again
      }
      // What we moved may already be a newer, live lock that replaced the stale one: put it back and step aside.
      if (holderOf(aside) === 'live') {
        try {
          linkSync(aside, path);
        } catch {
          /* yet another process holds it now */
        }
        rmSync(aside, { force: true });
        return null;
      }
      rmSync(aside, { force: true });
    }
  }
  return null;
}

/**
 * Who holds a lock file: a live process, a dead one (stale), or nobody (the file is gone). An empty or
 * unreadable lock counts as live while it is fresh (a process without hard links may be writing it) and as
 * stale after a minute.
 */
function holderOf(path: string): 'live' | 'stale' | 'gone' {
  let text: string;
  let mtimeMs: number;
  try {
    text = readFileSync(path, 'utf8').trim();
    mtimeMs = statSync(path).mtimeMs;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : 'live';
  }
  if (text !== '' && Number.isInteger(Number(text.split(/\s/)[0]))) return identityLive(text, mtimeMs) ? 'live' : 'stale';
  return Date.now() - mtimeMs < 60_000 ? 'live' : 'stale';
}

/** For file systems without hard links: a plain exclusive create (a reader may briefly see it empty). */
function exclusiveCreate(path: string): (() => void) | null {
  try {
    writeFileSync(path, myIdentity(), { flag: 'wx', mode: PRIVATE_FILE_MODE });
    return release(path);
  } catch {
    return null;
  }
}

function release(path: string): () => void {
  return () => {
    try {
      if (readFileSync(path, 'utf8').trim() === myIdentity()) rmSync(path, { force: true });
    } catch {
      /* already gone */
    }
  };
}
