/**
 * Whole-file writes that a crash, a power cut or a second process cannot tear: `hooksmith.json` (through lowdb,
 * see {@link AtomicJsonFile}) and the secret file.
 *
 * lowdb's own `JSONFile` (steno) writes every version through one fixed temp name, `.hooksmith.json.tmp`, with
 * the default mode, and never fsyncs. Measured here with eleven `hooksmith webhooks import` processes at once:
 * three failed with "rename … ENOENT" (another process had already renamed the shared temp file away) and two
 * printed "Imported" for webhooks that were not in the file afterwards (see write-lock.ts for that half). And
 * after a power cut, a file renamed before its data reached the disk can come back empty: rename(2) orders
 * nothing, and ext4 only guesses (`auto_da_alloc` in the kernel's Documentation/admin-guide/ext4.rst) while
 * XFS and others do not.
 *
 * So each write: a temp file of this process's own (`.<name>.<pid>.tmp`; the caller's lock means one write at a
 * time per file, so the pid is unique enough and a test can put something in its way) created 0600, written
 * and fsynced, renamed over the file (atomic on POSIX and NTFS: a reader sees the old version or the new one),
 * then the folder fsynced so that the rename itself survives.
 *
 * On Windows the rename fails for a moment (EPERM, EACCES or EBUSY) while another program holds the target open
 * without FILE_SHARE_DELETE: an antivirus scan, the search indexer, a sync client. steno retried every rename 10
 * times, 100 ms apart, for that reason, and graceful-fs retries the same three codes on win32; so does this.
 */
import { open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import { syncFolder } from '../history/folder-access';
import { alive } from '../history/process-identity';
import { PRIVATE_FILE_MODE } from './private-files';

/** Windows' transient refusals of a rename over a file another program has open (see the header). */
const BUSY_RENAME = new Set(['EPERM', 'EACCES', 'EBUSY']);
const RENAME_TRIES = 10;

/** The rename and the platform it retries on; tests swap them to stand in for Windows. */
export const renameLayer = { rename, platform: process.platform as NodeJS.Platform, pauseMs: 100 };

/** Renames `from` over `to`, retrying Windows' transient refusals; elsewhere those codes are lasting (permissions). */
async function renameOver(from: string, to: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await renameLayer.rename(from, to);
    } catch (e) {
      const busy = renameLayer.platform === 'win32' && BUSY_RENAME.has((e as NodeJS.ErrnoException).code ?? '');
      if (!busy || attempt >= RENAME_TRIES) throw e;
      await new Promise((resolve) => setTimeout(resolve, renameLayer.pauseMs));
    }
  }
}

/** Where this process writes the next version of `path` before renaming it into place. */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
}

/** Replaces `path` with `text`: temp file (0600), fsync, rename, folder fsync. On failure `path` is untouched. */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const temp = tempPathFor(path);
  try {
    const file = await open(temp, 'w', PRIVATE_FILE_MODE);
    try {
      await file.writeFile(text, 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
    await renameOver(temp, path);
  } catch (e) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw e;
  }
  syncFolder(dirname(path));
}

/**
 * Removes the temp files of `path` that killed writers left (their pid no longer runs). A live process's temp
 * file is left alone: it is about to be renamed.
 */
export async function removeDeadTemps(path: string): Promise<void> {
  const prefix = `.${basename(path)}.`;
  let names: string[];
  try {
    names = await readdir(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    const pid = name.startsWith(prefix) && name.endsWith('.tmp') ? Number(name.slice(prefix.length, -'.tmp'.length)) : NaN;
    if (Number.isInteger(pid) && !alive(pid)) await rm(join(dirname(path), name), { force: true }).catch(() => undefined);
  }
}

/** lowdb's adapter for a JSON file written with {@link writeFileAtomic}. */
export class AtomicJsonFile<T> implements Adapter<T> {
  constructor(private readonly path: string) {}

  async read(): Promise<T | null> {
    try {
      return JSON.parse(await readFile(this.path, 'utf8')) as T;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  /** Same layout as lowdb's JSONFile (two-space indent), so files stay readable and diffable as before. */
  write(data: T): Promise<void> {
    return writeFileAtomic(this.path, JSON.stringify(data, null, 2));
  }
}
