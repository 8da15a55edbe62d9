/**
 * The webhook as Hooksmith stores it and as the API returns it.
 *
 * Field names follow the definition-file format (docs/definition-files.md) so that a stored webhook, an
 * exported file and an API payload read the same.
 */

import type { WebhookNetwork } from './network';

export type { GlobalNetwork, WebhookNetwork } from './network';

/** HTTP methods Apono allows for request webhooks. */
export const HTTP_METHODS = ['POST', 'PUT', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** Request-webhook triggers, in the order Apono's UI lists them. */
export const TRIGGERS = [
  'RequestCreated',
  'RequestApproved',
  'RequestRejected',
  'RequestGranted',
  'RequestExpired',
  'RequestFailed',
  'Manual',
] as const;
export type Trigger = (typeof TRIGGERS)[number];

/** Apono's documented limit on custom headers. */
export const MAX_HEADERS = 10;

/**
 * A header value, or a secret header value.
 *
 * For a secret header, `value` holds one of: `${env:NAME}` (read from the environment when sent), a stored
 * secret reference (`secret:<id>`, only inside the data folder), or {@link MASKED_SECRET} when it crosses
 * the API towards the renderer. Plain text secrets never leave the secrets module except to be sent.
 */
export interface WebhookHeader {
  key: string;
  value: string;
  secret?: boolean;
}

/** How Hooksmith authenticates to the target, beyond the custom headers. */
export type WebhookAuth =
  | { type: 'none' }
  /** Sent as `Authorization: Bearer <token>`; `token` follows the same secret rules as a secret header. */
  | { type: 'bearer'; token: string }
  /**
   * Hooksmith-only (Apono has no such type; there it is an `Authorization` header): sent as
   * `Authorization: Basic base64(username:password)` (RFC 7617). `password` follows the secret rules of a
   * secret header; both fields may read `${env:NAME}`.
   */
  | { type: 'basic'; username: string; password: string }
  | {
      type: 'oauth2';
      clientId: string;
      /** Secret: `${env:NAME}`, a stored reference, or masked, as for headers. */
      clientSecret: string;
      tokenUrl: string;
      scopes: string[];
      /** How the client authenticates at the token endpoint; `basic` (client_secret_basic) by default. */
      clientAuthMethod?: 'basic' | 'post';
    };

export type AuthType = WebhookAuth['type'];
export const AUTH_TYPES: readonly AuthType[] = ['none', 'bearer', 'basic', 'oauth2'];

/** Dimensions a filter can narrow on. Semantics: values within one filter match any-of; filters combine all-of. */
export const FILTER_FIELDS = [
  'integration',
  'integration_type',
  'resource_type',
  'resource',
  'permission',
  'access_flow',
  'bundle',
  'requester',
  'grantee',
  'approval',
  'json_path',
] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

/** One filter. `path` is used only by `json_path` filters (a JSONPath into the event payload). */
export interface WebhookFilter {
  field: FilterField;
  values: string[];
  path?: string;
}

/** A check on the target's response: the value at `jsonPath` (under `$.data.`) must equal one of the values. */
export interface ResponseValidator {
  jsonPath: string;
  expectedValues: string[];
}

/** Everything the user edits. The API takes this for create and update. */
export interface WebhookInput {
  name: string;
  active: boolean;
  method: HttpMethod;
  url: string;
  headers: WebhookHeader[];
  auth: WebhookAuth;
  bodyTemplate: string;
  triggers: Trigger[];
  filters: WebhookFilter[];
  /** Whole seconds; `null` means Hooksmith's default. */
  timeoutSeconds: number | null;
  responseValidators: ResponseValidator[];
  /** Hooksmith-only (Apono has no such settings): TLS and proxy for this webhook; absent when none are set. */
  network?: WebhookNetwork;
  /**
   * Hooksmith-only: the id of the target contract the request is checked against (`splunk-hec`, `jira-v3`;
   * see `shared/contracts/`). Set by the preset a webhook is made from and kept through edits, so an edit the
   * target would refuse is flagged before a send; absent when no target is chosen.
   */
  contract?: string;
}

/** A saved webhook. */
export interface Webhook extends WebhookInput {
  id: string;
  /** ISO 8601 timestamps. */
  createdAt: string;
  updatedAt: string;
}

/** Shown in place of a stored secret whenever a webhook crosses the API. Sending it back means "unchanged". */
export const MASKED_SECRET = '••••••••';

/**
 * `${env:NAME}` as a whole value. References may also sit inside a value (`Splunk ${env:HEC_TOKEN}`), see
 * `env-references.ts`; a secret field whose value holds any reference names variables, not a secret.
 */
export const ENV_REFERENCE = /^\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}$/;

/** The values a new webhook starts with in the form. */
export function emptyWebhookInput(): WebhookInput {
  return {
    name: '',
    active: true,
    method: 'POST',
    url: '',
    headers: [],
    auth: { type: 'none' },
    bodyTemplate: '{\n  "event_type": "{{event_type}}",\n  "request_id": "{{data.friendly_id}}"\n}\n',
    triggers: ['RequestCreated'],
    filters: [],
    timeoutSeconds: null,
    responseValidators: [],
  };
}
