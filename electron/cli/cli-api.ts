/**
 * What a CLI command gets from the backend: the contract only, called the way the app calls it. Each call goes
 * through `dispatchApiCall`, so its argument is checked by the same schemas as over IPC and the HTTP bridge,
 * and every failure (a thrown AppException included) comes back as the same typed Result. A command that
 * needs something the contract lacks gets a contract method, not a reach into the services.
 */
import { join } from 'node:path';
import type { Api } from '../../shared/api/contract';
import type { CaptureRecord } from '../../shared/capture/types';
import { createApiClient } from '../../shared/api/client';
import { dispatchApiCall } from '../../shared/api/dispatch';
import type { Backend } from '../services/backend';

/** The backend as a command sees it. */
export interface CliBackend {
  readonly api: Api;
  /**
   * Each request the capture receiver records, as it arrives (what the app learns by polling `capture.list`):
   * `hooksmith capture` prints it at once. Returns the unsubscribe.
   */
  onCaptured(listener: (record: CaptureRecord) => void): () => void;
  /** Where the capture receiver's certificate is kept, printed beside its fingerprint. */
  readonly captureCertificatePath: string;
}

/** The contract over `backend`, through the same dispatch as both transports. */
export function cliBackend(backend: Pick<Backend, 'api' | 'capture'>): CliBackend {
  return {
    api: createApiClient((method, arg) => dispatchApiCall(backend.api, method, arg)),
    onCaptured: (listener) => backend.capture.onCaptured(listener),
    captureCertificatePath: join(backend.capture.store.dir, 'tls', 'cert.pem'),
  };
}
