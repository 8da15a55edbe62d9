/**
 * Write failures of the data folder, as errors the user can act on.
 *
 * A raw `EACCES: permission denied, open '…/.hooksmith.json.tmp'` names a temp file the user never made and
 * no fix. These errors name the folder, say why in words, that nothing was changed, and what to do, and
 * carry the code `storage-unwritable` across the API (see {@link AppException}).
 */
import { AppException } from '../../../shared/api/result';

/** Why a write was refused, in words, by the operating system's error code. */
const REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'your disk quota is used up',
  EISDIR: 'a folder is in the way of a file Hooksmith writes',
  ENOTDIR: 'a file is in the way of a folder Hooksmith uses',
  EEXIST: 'a file is in the way',
};

/** Codes meaning "this process may not write here" (as opposed to a bug or a race). */
const REFUSED = new Set(['EACCES', 'EPERM', 'EROFS']);

/** The error code of a file-system error, if `e` is one. */
export function fsErrorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined;
}

/** True when `e` says writing is not allowed here: permissions or a read-only file system. */
export function isWriteRefused(e: unknown): boolean {
  return REFUSED.has(fsErrorCode(e) ?? '');
}

/** `EACCES: permission denied`, for a message. */
export function describeFsError(e: unknown): string {
  const code = fsErrorCode(e);
  if (!code) return e instanceof Error ? e.message : String(e);
  return `${code}: ${REASONS[code] ?? (e instanceof Error ? e.message : code)}`;
}

/** What to do about a folder Hooksmith cannot write; `then` says what happens once it is writable. */
export function unwritableFix(folder: string, then = ''): string {
  return `Fix: make ${folder} writable for your user (check its permissions, and that the disk is not read-only or full)${then}, or use another data folder (--home DIR or HOOKSMITH_HOME in browser mode and the CLI).`;
}

/**
 * The typed error for a failed write: `what` could not be saved in `folder`. File-system errors only; anything
 * else (a bug) is returned as it was, to surface as one.
 */
export function unwritable(folder: string, what: string, e: unknown): unknown {
  if (!fsErrorCode(e)) return e;
  const message = `Could not save ${what}: ${folder} cannot be written (${describeFsError(e)}). Nothing was changed. ${unwritableFix(folder)}`;
  return new AppException({ code: 'storage-unwritable', message });
}
