/**
 * Binds every contract method to an IPC channel. The only module (with the preload) that touches ipcMain.
 *
 * Each call is checked twice: the sender must be a frame showing our own UI, and the argument must match the
 * method's schema (in `dispatchApiCall`). Takes a minimal `IpcMainLike` so tests can drive it without Electron.
 */
import type { Api, ApiMethodName } from '../../shared/api/contract';
import { API_METHOD_NAMES } from '../../shared/api/methods';
import { channelFor } from '../../shared/api/channels';
import { dispatchApiCall } from '../../shared/api/dispatch';
import { err, type Result } from '../../shared/api/result';

/** The part of an IPC invoke event the adapter reads. */
export interface InvokeEventLike {
  senderFrame?: { url: string } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, arg: unknown) => Promise<Result<unknown>>): void;
  removeHandler(channel: string): void;
}

/**
 * Registers all methods. `isTrustedUrl` decides whether a frame URL is our UI (file:// bundle or the dev server).
 * Returns the channels registered and a function that removes them.
 */
export function registerIpc(ipc: IpcMainLike, api: Api, isTrustedUrl: (url: string) => boolean): { channels: string[]; dispose(): void } {
  const channels = API_METHOD_NAMES.map((method: ApiMethodName) => {
    const channel = channelFor(method);
    ipc.handle(channel, async (event, arg) => {
      const url = event.senderFrame?.url;
      if (!url || !isTrustedUrl(url)) return err('forbidden', `Refused ${method}: the caller is not Hooksmith's own window.`);
      return dispatchApiCall(api, method, arg);
    });
    return channel;
  });
  return { channels, dispose: () => channels.forEach((c) => ipc.removeHandler(c)) };
}
