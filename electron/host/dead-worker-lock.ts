/**
 * The history's folder lock left by a backend thread that died in this same process.
 *
 * A lock names a process (pid, start time, boot id), not a thread, so a worker that crashed or was terminated
 * leaves a lock that still looks live: the worker started in its place would open the history as a guest for
 * as long as the app runs (nobody cuts torn lines, retention stays in memory). Only one backend thread runs per
 * process, so a lock naming this process, once its worker is gone, is that dead worker's and is removed.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { myIdentity } from '../services/history/process-identity';

/** Removes `<dataDir>/history/.lock` when it names this process; leaves any other process's lock alone. */
export function releaseDeadWorkerLock(dataDir: string): void {
  const path = join(dataDir, 'history', '.lock');
  try {
    if (readFileSync(path, 'utf8').trim() === myIdentity()) rmSync(path, { force: true });
  } catch {
    /* no lock: nothing to release */
  }
}
