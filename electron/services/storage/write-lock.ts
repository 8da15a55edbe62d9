/**
 * One read-modify-write of the data file at a time, across processes.
 *
 * The app (or browser mode) and any number of CLI commands may change `hooksmith.json` at once. Each change
 * reloads the file when another process changed it, applies itself, and writes the whole document back;
 * without a lock two changes that read the same version both write, and the second silently drops the first
 * (measured: two of eleven concurrent `hooksmith webhooks import`s printed "Imported" and were not kept). So a
 * change holds `<file>.lock` from its read to its rename, with the same stale-lock rules as the history's
 * owner lock (a killed holder's lock is taken over; see owner-lock.ts and process-identity.ts).
 */
import { AppException } from '../../../shared/api/result';
import { tryLock } from '../history/owner-lock';

/** How long a change waits for another process's change before giving up (a change takes milliseconds). */
const WAIT_MS = 15_000;
const POLL_MIN_MS = 2;
const POLL_MAX_MS = 50;

/**
 * Runs `change` while holding the lock file at `path`. When the folder cannot hold a lock file (read-only,
 * permissions) the change runs anyway: its write fails with the usual, clearer `storage-unwritable` error.
 */
export async function withWriteLock<T>(path: string, change: () => Promise<T>, waitMs = WAIT_MS): Promise<T> {
  const release = await acquire(path, waitMs);
  try {
    return await change();
  } finally {
    release?.();
  }
}

async function acquire(path: string, waitMs: number): Promise<(() => void) | null> {
  const deadline = Date.now() + waitMs;
  for (let pause = POLL_MIN_MS; ; pause = Math.min(POLL_MAX_MS, pause * 2)) {
    const taken = tryLock(path);
    if (taken === 'unwritable') return null;
    if (taken !== 'held') return taken;
    if (Date.now() >= deadline) {
      throw new AppException({
        code: 'storage-failed',
        message: `Another Hooksmith process has been saving to the data file for ${Math.round(waitMs / 1000)} s (it holds ${path}); nothing was changed. Try again; if it persists, close the other Hooksmith windows and commands.`,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}
