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
import { linkSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { identityLive, myIdentity } from './process-identity';
import { join } from 'node:path';
import { PRIVATE_FILE_MODE } from '../storage/private-files';

const LOCK_FILE = '.lock';

/**
 * The file operations of the lock protocol on existing lock files; tests wrap them to run another process's step
 * between two of ours (every interleaving of a takeover with a competitor's take and release).
 */
export const lockLayer = {
  link: (existing: string, path: string): void => linkSync(existing, path),
  remove: (path: string): void => rmSync(path, { force: true }),
  read: (path: string): string => readFileSync(path, 'utf8'),
};

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
      lockLayer.link(mine, path);
      return release(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return exclusiveCreate(path);
      const holder = holderOf(path);
      if (holder === 'live') return null;
      if (holder === 'stale') breakStale(path, mine);
    }
  }
  return null;
}

/**
 * Removes the stale lock at `path`, looking again while holding `<path>.break`. A lock is removed only by its
 * holder's release or by a breaker, and breakers take turns, so what is removed here is the stale lock seen under
 * `.break`, never one another process took after we first looked. (Moving the lock aside to look at it, as before,
 * could move a competitor's new lock away while it released it; put back, it named a live process that held
 * nothing, and every later save waited 15 s and failed for as long as that process ran.)
 */
function breakStale(path: string, mine: string): void {
  const breaker = `${path}.break`;
  try {
    lockLayer.link(mine, breaker);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST' && exclusiveCreate(breaker)) return removeIfStale(path, breaker);
    // Another process is breaking it (it holds `.break` for a moment); one killed meanwhile left it stale.
    if (holderOf(breaker) === 'stale') lockLayer.remove(breaker);
    return;
  }
  removeIfStale(path, breaker);
}

function removeIfStale(path: string, breaker: string): void {
  try {
    if (holderOf(path) === 'stale') lockLayer.remove(path);
  } finally {
    lockLayer.remove(breaker);
  }
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
    text = lockLayer.read(path).trim();
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
      if (lockLayer.read(path).trim() === myIdentity()) lockLayer.remove(path);
    } catch {
      /* already gone */
    }
  };
}
