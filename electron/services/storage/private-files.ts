/**
 * The data folder is private to the user: on POSIX the folders Hooksmith makes are 0700 and the files 0600
 * (data file, backups, history segments and index, locks, settings, secrets), so other accounts on a shared
 * machine can read neither the webhooks nor the history (request and response bodies, URLs).
 *
 * Windows has no mode bits (Node maps them to the read-only flag only), so there these are no-ops and the
 * profile folder's ACL is what protects the data.
 */
import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Owner read and write only. */
export const PRIVATE_FILE_MODE = 0o600;
/** Owner only. */
export const PRIVATE_DIR_MODE = 0o700;

const posix = process.platform !== 'win32';

/**
 * Takes group and other permissions off `path`, keeping the owner's as they are: a folder the user made
 * read-only on purpose stays read-only. Best effort: a missing path or one owned by someone else is left alone.
 */
function narrowSync(path: string): void {
  if (!posix) return;
  try {
    const mode = statSync(path).mode & 0o777;
    if ((mode & 0o077) !== 0) chmodSync(path, mode & 0o700);
  } catch {
    /* gone meanwhile, or not ours */
  }
}

/**
 * Creates `dir` (and missing parents) as 0700, and narrows an existing `dir` to its owner: a folder made by
 * an older Hooksmith was 0755. Fails only as `mkdir` fails.
 */
export async function makePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  narrowSync(dir);
}

/** {@link makePrivateDir}, synchronously (the history store opens synchronously). */
export function makePrivateDirSync(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  narrowSync(dir);
}

/** Takes group and other permissions off one file (0644 becomes 0600); best effort. */
export async function makePrivate(path: string): Promise<void> {
  if (!posix) return;
  try {
    const mode = (await stat(path)).mode & 0o777;
    if ((mode & 0o077) !== 0) await chmod(path, mode & 0o700);
  } catch {
    /* gone meanwhile, or not ours */
  }
}

/**
 * Narrows every file directly in `dir` that others may read to 0600: files written by an older Hooksmith
 * (0644) or by a library that takes no mode (lowdb's writer). Best effort, never throws.
 */
export function makeFilesPrivateSync(dir: string): void {
  if (!posix) return;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    try {
      if (statSync(path).isFile()) narrowSync(path);
    } catch {
      /* gone meanwhile */
    }
  }
}
