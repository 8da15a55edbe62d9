/**
 * The history folder as the file system allows it: created when possible, listed, and its index opened for
 * appending, or only for reading when this process may not write there (permissions, a read-only disk).
 * Changes in a folder that refuses them fail with the typed `storage-unwritable` error naming the folder.
 */
import { existsSync, openSync, closeSync } from 'node:fs';
import { makeFilesPrivateSync, makePrivateDirSync, PRIVATE_FILE_MODE } from '../storage/private-files';
import { fileLayer } from './line-files';
import { fsErrorCode, unwritable } from '../storage/write-errors';

/** Creates the folder if it can; a read-only parent leaves a history that reads as empty. */
export function ensureFolder(dir: string): void {
  try {
    makePrivateDirSync(dir);
  } catch (e) {
    if (!fsErrorCode(e)) throw e;
  }
  // Segments and index an older Hooksmith wrote readable by others (0644) are narrowed to 0600.
  makeFilesPrivateSync(dir);
}

/** The segment numbers in the folder, in order; none when the folder could not be created. */
export function listSegments(dir: string): number[] {
  let names: string[];
  try {
    names = fileLayer.list(dir);
  } catch (e) {
    if (fsErrorCode(e) === 'ENOENT' || fsErrorCode(e) === 'ENOTDIR') return [];
    throw e;
  }
  return names
    .map((f) => /^seg-(\d+)\.jsonl$/.exec(f)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/**
 * The index opened for appending; where that is refused, opened for reading (`-1` when it does not exist),
 * with the refusal that every later change reports.
 */
export function openIndex(path: string): { fd: number; refusal: unknown } {
  try {
    return { fd: openSync(path, 'a+', PRIVATE_FILE_MODE), refusal: null };
  } catch (e) {
    if (!fsErrorCode(e)) throw e;
    return { fd: existsSync(path) ? openSync(path, 'r') : -1, refusal: e };
  }
}

/** Runs a change of the history in `dir`: refused at once when `refusal` is set, and any file-system failure typed. */
export function changing<T>(dir: string, refusal: unknown, what: string, change: () => T): T {
  if (refusal) throw unwritable(dir, what, refusal);
  try {
    return change();
  } catch (e) {
    throw unwritable(dir, what, e);
  }
}

/**
 * Fsyncs the folder itself, so a file just created, renamed or deleted there survives a power cut (the entry
 * lives in the folder, not in the file). Where folders cannot be opened or fsynced (Windows), this does nothing.
 */
export function syncFolder(dir: string): void {
  let fd = -1;
  try {
    fd = openSync(dir, 'r');
    fileLayer.fullSync(fd);
  } catch {
    /* not supported here: the file system orders its own metadata */
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}
