/**
 * Builds a typed {@link Api} object over any transport.
 *
 * The preload (IPC) and the browser-mode client (HTTP) both call this with their own `invoke`, so the
 * renderer sees the same object whichever way it is connected.
 */
import type { Api, ApiMethodName, ApiNamespace } from './contract';
import { API_METHODS } from './methods';
import type { Result } from './result';

/** Sends one call and resolves to the backend's result (transports turn their own failures into results too). */
export type Invoke = (method: ApiMethodName, arg: unknown) => Promise<Result<unknown>>;

export function createApiClient(invoke: Invoke): Api {
  const api: Record<string, Record<string, (arg?: unknown) => Promise<Result<unknown>>>> = {};
  for (const ns of Object.keys(API_METHODS) as ApiNamespace[]) {
    const methods: Record<string, (arg?: unknown) => Promise<Result<unknown>>> = {};
    for (const method of Object.keys(API_METHODS[ns])) {
      methods[method] = (arg?: unknown) => invoke(`${ns}.${method}` as ApiMethodName, arg);
    }
    api[ns] = Object.freeze(methods);
  }
  return Object.freeze(api) as unknown as Api;
}
