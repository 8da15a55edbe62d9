/**
 * Typed results that cross the API boundary.
 *
 * Exceptions lose their type over IPC (Electron keeps only `message`) and over HTTP, so every contract
 * method resolves to a `Result` instead of throwing. The renderer switches on `error.code`.
 */

/** Every error code the backend can return. Add a code here before returning it. */
export const ERROR_CODES = [
  /** An argument did not have the shape the contract declares (a programming error or a hostile caller). */
  'invalid-argument',
  /** User input broke a rule; `issues` lists every problem by field. */
  'validation-failed',
  /** The named entity does not exist (any more). */
  'not-found',
  /** The change conflicts with saved data, e.g. a webhook name already taken. */
  'conflict',
  /** Reading or writing the data folder failed. */
  'storage-failed',
  /** The data folder (or its history) cannot be written: permissions, a read-only disk, a full disk. Nothing was changed. */
  'storage-unwritable',
  /** A secret could not be read or stored (missing env var, store locked). */
  'secret-unavailable',
  /** The caller cancelled the operation (by its run id) before it finished. */
  'cancelled',
  /** The backend's thread died while answering (a bug, out of memory); it was started again, so the call may be retried. */
  'backend-restarted',
  /** The caller is not allowed (wrong token, foreign origin, untrusted IPC sender). */
  'forbidden',
  /** Anything else; a bug. The message is for the bug report. */
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem with one field of user input. `field` is a dotted path such as `headers.2.key`. */
export interface FieldIssue {
  field: string;
  message: string;
  /** Problems that do not block saving (e.g. a loopback http URL that Apono itself would refuse). */
  severity?: 'error' | 'warning';
}

/** An error as it crosses the boundary. `field` names the first offending field, `issues` all of them. */
export interface AppError {
  code: ErrorCode;
  message: string;
  field?: string;
  issues?: FieldIssue[];
}

export type Ok<T> = { ok: true; value: T };
export type Err = { ok: false; error: AppError };
export type Result<T> = Ok<T> | Err;

/** Wraps a value as a successful result. */
export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

/** Builds a failed result. */
export function err(code: ErrorCode, message: string, extra: Omit<AppError, 'code' | 'message'> = {}): Err {
  return { ok: false, error: { code, message, ...extra } };
}

/** A validation failure naming every field at fault; the message lists them so a CLI can print it as is. */
export function validationFailed(issues: FieldIssue[], what = 'The input'): Err {
  const errors = issues.filter((i) => i.severity !== 'warning');
  const lines = errors.map((i) => `${i.field}: ${i.message}`);
  return err('validation-failed', `${what} has ${errors.length} problem${errors.length === 1 ? '' : 's'}:\n${lines.join('\n')}`, {
    field: errors[0]?.field,
    issues: errors,
  });
}

/**
 * An exception carrying the {@link AppError} it stands for, thrown where a Result cannot be returned (deep in
 * storage code, under every service). The transports and the CLI turn it back into that error instead of
 * an `internal` one.
 */
export class AppException extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
    this.name = 'AppException';
  }
}

/** The AppError an exception carries, if it is an {@link AppException} (checked by shape: bundles may hold two copies of the class). */
export function appErrorOf(e: unknown): AppError | undefined {
  if (typeof e !== 'object' || e === null || (e as { name?: unknown }).name !== 'AppException') return undefined;
  const carried = (e as { error?: unknown }).error;
  return isAppError(carried) ? carried : undefined;
}

/** Type guard for values that look like an `AppError` (e.g. parsed from an HTTP response). */
export function isAppError(value: unknown): value is AppError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && (ERROR_CODES as readonly string[]).includes(v.code) && typeof v.message === 'string';
}
