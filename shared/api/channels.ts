/** The IPC channel a contract method travels on; one prefix so the main process can refuse anything else. */
import type { ApiMethodName } from './contract';

export const CHANNEL_PREFIX = 'hooksmith:';

export function channelFor(method: ApiMethodName): string {
  return `${CHANNEL_PREFIX}${method}`;
}

/**
 * The most bytes one API call's request body may hold on the browser-mode HTTP bridge.
 *
 * Limits on text arguments stay below it, so a payload the argument check accepts is never cut off by the
 * transport first (a limit above it could only ever answer "body too large").
 */
export const MAX_API_BODY_BYTES = 32 * 1024 * 1024;

/** The longest bundle or curl text `history.importBundle` takes: the body cap less room for the call's JSON wrapper. */
export const MAX_IMPORT_TEXT_CHARS = MAX_API_BODY_BYTES - 64 * 1024;
