/**
 * A strict OAuth2 authorization server (oidc-provider) issuing client_credentials tokens on loopback.
 *
 * Two clients: one authenticating with client_secret_basic, one with client_secret_post. `isValid`
 * checks a bearer token the way a resource server would, so receivers can accept only live tokens.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export const BASIC_CLIENT = { id: 'hooksmith-basic', secret: 'basic-secret-with+special/chars=' };
export const POST_CLIENT = { id: 'hooksmith-post', secret: 'post-secret-0123456789' };
export const SCOPE = 'webhooks:write';

export interface OAuthServer {
  tokenUrl: string;
  /** True when `token` is a live token this server issued. */
  isValid(token: string): Promise<boolean>;
  /** Revokes a token server-side (simulates revocation or early expiry). */
  revoke(token: string): Promise<void>;
  /** How many tokens were issued. */
  issued(): number;
  stop(): Promise<void>;
}

/** Starts the provider; `ttlSeconds` sets the client-credentials token lifetime. */
export async function startOAuthServer(ttlSeconds = 300): Promise<OAuthServer> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://localhost:${port}`;
  const client = (id: string, secret: string, method: string) => ({
    client_id: id,
    client_secret: secret,
    grant_types: ['client_credentials'],
    redirect_uris: [],
    response_types: [],
    token_endpoint_auth_method: method,
    scope: SCOPE,
  });
  const provider = new Provider(issuer, {
    clients: [client(BASIC_CLIENT.id, BASIC_CLIENT.secret, 'client_secret_basic'), client(POST_CLIENT.id, POST_CLIENT.secret, 'client_secret_post')],
    features: { clientCredentials: { enabled: true }, devInteractions: { enabled: false } },
    scopes: [SCOPE],
    ttl: { ClientCredentials: ttlSeconds },
  });
  let count = 0;
  provider.on('client_credentials.saved', () => {
    count += 1;
  });
  server.on('request', provider.callback());
  return {
    tokenUrl: `${issuer}/token`,
    isValid: async (token) => (await provider.ClientCredentials.find(token)) !== undefined,
    revoke: async (token) => {
      const found = await provider.ClientCredentials.find(token);
      await found?.destroy();
    },
    issued: () => count,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
