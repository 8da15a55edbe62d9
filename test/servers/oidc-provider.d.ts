// oidc-provider ships no types and @types/oidc-provider is not a dependency; this declares only what the
// test server uses.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  interface StoredToken {
    destroy(): Promise<void>;
  }

  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    on(event: string, listener: (...args: unknown[]) => void): this;
    ClientCredentials: { find(token: string): Promise<StoredToken | undefined> };
  }
}
