/** The IPC channel a contract method travels on; one prefix so the main process can refuse anything else. */
import type { ApiMethodName } from './contract';

export const CHANNEL_PREFIX = 'hooksmith:';

export function channelFor(method: ApiMethodName): string {
  return `${CHANNEL_PREFIX}${method}`;
}
