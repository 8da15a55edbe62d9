/**
 * The locks left by a backend thread that died in this same process.
 *
 * A lock names a process (pid, start time, boot id), not a thread, so a worker that crashed or was terminated
 * leaves locks that still look live: the worker started in its place would open the history as a guest for as
 * long as the app runs (nobody cuts torn lines, retention stays in memory), and a worker that died mid-save would
 * leave every later save waiting out `hooksmith.json.lock` (see storage/write-lock.ts) and failing. Only one
 * backend thread runs per process, so a lock naming this process, once its worker is gone, is that dead worker's
 * and is removed.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { myIdentity } from '../services/history/process-identity';
import { DATA_FILE_NAME } from '../services/storage/data-file';

/**
 * The locks a backend takes in its data folder: the history's folder lock and the write locks of its files, each
 * with the `.break` it holds for a moment while removing a stale one (see `breakStale` in owner-lock.ts).
 */
const LOCKS = [join('history', '.lock'), `${DATA_FILE_NAME}.lock`, 'secrets.json.lock'].flatMap((lock) => [lock, `${lock}.break`]);

/** Removes each of those locks that names this process; leaves any other process's lock alone. */
export function releaseDeadWorkerLock(dataDir: string): void {
  for (const lock of LOCKS) {
    const path = join(dataDir, lock);
    try {
      if (readFileSync(path, 'utf8').trim() === myIdentity()) rmSync(path, { force: true });
    } catch {
      /* no lock: nothing to release */
    }
  }
}
