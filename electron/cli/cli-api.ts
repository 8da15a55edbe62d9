/**
 * What a CLI command gets from the backend: the contract only, called the way the app calls it. Each call goes
 * through `dispatchApiCall`, so its argument is checked by the same schemas as over IPC and the HTTP bridge,
 * and every failure (a thrown AppException included) comes back as the same typed Result. A command that
 * needs something the contract lacks gets a contract method, not a reach into the services.
 */
import type { Api } from '../../shared/api/contract';
import { createApiClient } from '../../shared/api/client';
import { dispatchApiCall } from '../../shared/api/dispatch';
import type { Backend } from '../services/backend';

/** The backend as a command sees it. */
export interface CliBackend {
  readonly api: Api;
}

/** The contract over `backend`, through the same dispatch as both transports. */
export function cliBackend(backend: Pick<Backend, 'api'>): CliBackend {
  return { api: createApiClient((method, arg) => dispatchApiCall(backend.api, method, arg)) };
}
