/**
 * Local stand-ins for the presets' targets: one HTTPS mockttp server on loopback that answers each vendor's
 * documented paths the way the vendor documents it, refusing what the vendor refuses (auth scheme, body shape,
 * required fields, framing). Written from the vendors' documentation, independently of Hooksmith's own target
 * contracts, so a test against them checks the contracts rather than repeating them.
 *
 * Each preset URL keeps its vendor's path; only the host becomes `localhost:<port>` (see {@link standInUrl}).
 */
import type { CompletedRequest, Mockttp } from 'mockttp';
import { startReceiver, type Receiver } from './receiver';

/** What a stand-in answered, for the test to read back: the vendor, the status, and why it refused. */
export interface StandInVerdict {
  vendor: string;
  status: number;
  reason?: string;
}

/** A Teams Workflows run: the trigger answers 202 at once, and the flow posts the card (or fails) afterwards. */
export interface FlowRun {
  posted: boolean;
  reason?: string;
}

interface Reply {
  status: number;
  json?: unknown;
  text?: string;
  reason?: string;
}

type Req = { url: URL; headers: Record<string, string | string[] | undefined>; body: string };

const header = (r: Req, name: string): string | undefined => {
  const v = r.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
};
const parse = (body: string): unknown => {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
};
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const refuse = (status: number, reason: string, json: unknown = { error: reason }): Reply => ({ status, json, reason });

/** The OAuth tokens the token endpoints issued (client credentials), which the APIs then accept as Bearer. */
const issued = new Set<string>();

/** Client-credentials token endpoint (ServiceNow `oauth_token.do`, Entra `oauth2/v2.0/token`). */
function tokenEndpoint(r: Req, wantScope?: string): Reply {
  const form = new URLSearchParams(r.body);
  if (form.get('grant_type') !== 'client_credentials') return refuse(400, 'unsupported_grant_type', { error: 'unsupported_grant_type' });
  if (!form.get('client_id') || !form.get('client_secret')) return refuse(401, 'invalid_client', { error: 'invalid_client' });
  if (wantScope !== undefined && form.get('scope') !== wantScope) return refuse(400, 'invalid_scope', { error: 'invalid_scope' });
  const token = `tok-${issued.size + 1}`;
  issued.add(token);
  return { status: 200, json: { access_token: token, token_type: 'Bearer', expires_in: 3600 } };
}

const bearerOk = (r: Req) => issued.has((header(r, 'authorization') ?? '').replace(/^Bearer /, ''));

/** https://help.splunk.com/…/format-events-for-http-event-collector: `Splunk <token>`, Basic, or ?token=; a non-empty `event`. */
function splunk(r: Req): Reply {
  const auth = header(r, 'authorization') ?? '';
  if (!/^Splunk \S+$/.test(auth) && !/^Basic \S+$/.test(auth) && !r.url.searchParams.get('token')) return refuse(401, 'Token is required', { text: 'Token is required', code: 2 });
  const body = parse(r.body);
  if (!isObject(body)) return refuse(400, 'Invalid data format', { text: 'Invalid data format', code: 6 });
  const event = body.event;
  if (event === undefined || event === '' || (isObject(event) && Object.keys(event).length === 0)) return refuse(400, 'No data', { text: 'No data', code: 5 });
  return { status: 200, json: { text: 'Success', code: 0 } };
}

/** https://docs.logz.io/docs/shipping/Code/HTTP: ?token=; one minified JSON object per line. */
function logzio(r: Req): Reply {
  if (!r.url.searchParams.get('token')) return refuse(401, 'missing token');
  const lines = r.body.split('\n').filter((l) => l.trim() !== '');
  const malformed = lines.filter((l) => !isObject(parse(l))).length;
  if (malformed > 0 || lines.length === 0) {
    return refuse(400, 'malformedLines', { malformedLines: malformed, successfulLines: lines.length - malformed, oversizedLines: 0, emptyLogLines: 0 });
  }
  return { status: 200, text: '' };
}

/** Jira Cloud create issue, v2 (string description) and v3 (ADF description); Basic auth with email:token. */
function jira(r: Req, version: 2 | 3): Reply {
  const basic = /^Basic (\S+)$/.exec(header(r, 'authorization') ?? '');
  if (!basic || !Buffer.from(basic[1]!, 'base64').toString().includes(':')) return refuse(401, 'Unauthorized', { errorMessages: ['You are not authenticated.'] });
  const body = parse(r.body);
  const fields = isObject(body) && isObject(body.fields) ? body.fields : undefined;
  if (!fields) return refuse(400, 'fields', { errorMessages: ['No fields'], errors: {} });
  const errors: Record<string, string> = {};
  if (!isObject(fields.project)) errors.project = 'Specify a valid project ID or key';
  if (!isObject(fields.issuetype)) errors.issuetype = 'Specify an issue type';
  if (typeof fields.summary !== 'string' || fields.summary === '') errors.summary = 'You must specify a summary of the issue.';
  const d = fields.description;
  if (d !== undefined) {
    if (version === 2 && typeof d !== 'string') errors.description = 'Operation value must be a string';
    if (version === 3 && !(isObject(d) && d.type === 'doc' && d.version === 1 && Array.isArray(d.content))) errors.description = 'Operation value must be an Atlassian Document (see the Atlassian Document Format)';
  }
  if (Object.keys(errors).length) return refuse(400, Object.keys(errors).join(','), { errorMessages: [], errors });
  return { status: 201, json: { id: '10000', key: 'OPS-1' } };
}

/** Teams Workflows "When a Teams webhook request is received": sig= required; 202 at once, the card checked by the flow. */
function teams(r: Req, runs: FlowRun[]): Reply {
  if (!r.url.searchParams.get('sig')) return refuse(401, 'DirectApiAuthorizationRequired', { error: { code: 'DirectApiAuthorizationRequired' } });
  const body = parse(r.body);
  const attachments = isObject(body) && Array.isArray(body.attachments) ? body.attachments : [];
  const card = attachments.find((a) => isObject(a) && a.contentType === 'application/vnd.microsoft.card.adaptive' && isObject(a.content) && a.content.type === 'AdaptiveCard' && Array.isArray(a.content.body));
  runs.push(card ? { posted: true } : { posted: false, reason: 'no Adaptive Card attachment to post' });
  return { status: 202, text: '' };
}

/** Okta Workflows API endpoint secured with a client token (header or ?clientToken=). */
function okta(r: Req): Reply {
  if (!header(r, 'x-api-client-token') && !r.url.searchParams.get('clientToken')) return refuse(401, 'Unauthorized');
  if (!isObject(parse(r.body))) return refuse(400, 'invalid JSON');
  return { status: 200, json: {} };
}

/** ServiceNow Table API (POST /api/now/table/incident) with an OAuth client-credentials token. */
function servicenow(r: Req): Reply {
  if (!bearerOk(r)) return refuse(401, 'User Not Authenticated', { error: { message: 'User Not Authenticated' } });
  const body = parse(r.body);
  if (!isObject(body)) return refuse(400, 'invalid JSON');
  if (typeof body.short_description !== 'string' || body.short_description.length > 160) return refuse(400, 'invalid short_description');
  for (const f of ['impact', 'urgency']) if (body[f] !== undefined && !['1', '2', '3'].includes(String(body[f]))) return refuse(400, `invalid ${f}`);
  return { status: 201, json: { result: { sys_id: 'abc', number: 'INC0010001' } } };
}

/** Freshdesk create ticket: Basic with apikey:X; requester, subject, description, numeric status and priority. */
function freshdesk(r: Req): Reply {
  const basic = /^Basic (\S+)$/.exec(header(r, 'authorization') ?? '');
  const [user, pass] = basic ? Buffer.from(basic[1]!, 'base64').toString().split(':') : [];
  if (!user || pass === undefined) return refuse(401, 'invalid_credentials', { code: 'invalid_credentials', message: 'You have to be logged in to perform this action.' });
  const body = parse(r.body);
  if (!isObject(body)) return refuse(400, 'invalid_json');
  const errors: Array<{ field: string; code: string }> = [];
  if (![body.email, body.requester_id, body.phone, body.unique_external_id].some((v) => v !== undefined && v !== '')) errors.push({ field: 'requester_id', code: 'missing_field' });
  for (const f of ['subject', 'description']) if (typeof body[f] !== 'string' || body[f] === '') errors.push({ field: f, code: 'missing_field' });
  if (!(Number.isInteger(body.status) && [2, 3, 4, 5].includes(body.status as number))) errors.push({ field: 'status', code: 'invalid_value' });
  if (!(Number.isInteger(body.priority) && [1, 2, 3, 4].includes(body.priority as number))) errors.push({ field: 'priority', code: 'invalid_value' });
  if (errors.length) return refuse(400, errors.map((e) => `${e.field}:${e.code}`).join(','), { description: 'Validation failed', errors });
  return { status: 201, json: { id: 1 } };
}

/** Datadog logs intake v2: DD-API-KEY; a JSON array of at most 1,000 logs. */
function datadog(r: Req): Reply {
  if (!header(r, 'dd-api-key')) return refuse(403, 'Forbidden', { errors: ['Forbidden'] });
  const body = parse(r.body);
  if (!Array.isArray(body) || body.length === 0 || body.length > 1000 || !body.every(isObject)) return refuse(400, 'Bad Request', { errors: ['Bad Request'] });
  return { status: 202, json: {} };
}

/** Azure Monitor Logs Ingestion API: Bearer token for monitor.azure.com; a JSON array of rows with TimeGenerated. */
function sentinel(r: Req): Reply {
  if (!bearerOk(r)) return refuse(401, 'InvalidToken', { error: { code: 'InvalidToken' } });
  const body = parse(r.body);
  if (!Array.isArray(body) || !body.every((row) => isObject(row) && typeof row.TimeGenerated === 'string')) return refuse(400, 'InvalidContent', { error: { code: 'InvalidContent' } });
  return { status: 204 };
}

/** Coralogix generic incoming webhook (JSON content type): one JSON object, 2 MB at most. */
function coralogix(r: Req): Reply {
  if (Buffer.byteLength(r.body) > 2_000_000) return refuse(413, 'Payload Too Large');
  return isObject(parse(r.body)) ? { status: 200, json: {} } : refuse(400, 'invalid JSON');
}

/** Slack incoming webhook: `text` (or blocks) required; answers the plain text "ok". */
function slack(r: Req): Reply {
  const body = parse(r.body);
  if (!isObject(body) || (typeof body.text !== 'string' && !Array.isArray(body.blocks))) return refuse(400, 'no_text', undefined);
  return { status: 200, text: 'ok' };
}

/** Torq webhook trigger: the configured auth header (here the Authorization bearer the preset sends); any JSON object. */
function torq(r: Req): Reply {
  if (!/^Bearer \S+/.test(header(r, 'authorization') ?? '')) return refuse(401, 'Unauthorized');
  return isObject(parse(r.body)) ? { status: 200, json: { event_id: 'e1' } } : refuse(400, 'invalid JSON');
}

/** Which vendor a path belongs to (the vendors' own paths; no two share one). */
function route(r: Req, runs: FlowRun[]): [string, Reply] {
  const p = r.url.pathname;
  if (p.endsWith('/oauth_token.do')) return ['servicenow-token', tokenEndpoint(r)];
  if (/\/oauth2\/v2\.0\/token$/.test(p)) return ['entra-token', tokenEndpoint(r, 'https://monitor.azure.com/.default')];
  if (p.startsWith('/services/collector')) return ['splunk', splunk(r)];
  if (p === '/') return ['logzio', logzio(r)];
  if (/^\/rest\/api\/(2|latest)\/issue\/?$/.test(p)) return ['jira', jira(r, 2)];
  if (/^\/rest\/api\/3\/issue\/?$/.test(p)) return ['jira-v3', jira(r, 3)];
  if (/\/workflows\/[^/]+\/triggers\/manual\/paths\/invoke$/.test(p)) return ['teams', teams(r, runs)];
  if (p.startsWith('/api/flo/')) return ['okta-workflows', okta(r)];
  if (p.startsWith('/api/now/table/')) return ['servicenow', servicenow(r)];
  if (p === '/api/v2/tickets') return ['freshdesk', freshdesk(r)];
  if (p === '/api/v2/logs') return ['datadog', datadog(r)];
  if (p.startsWith('/dataCollectionRules/')) return ['sentinel', sentinel(r)];
  if (p.startsWith('/services/')) return ['slack', slack(r)];
  if (p.startsWith('/v1/webhooks/')) return ['torq', torq(r)];
  if (p.startsWith('/coralogix')) return ['coralogix', coralogix(r)];
  return ['unknown', refuse(404, 'no such stand-in')];
}

export interface StandIns {
  rx: Receiver;
  /** Every answer so far, in order. */
  verdicts: StandInVerdict[];
  /** Teams Workflows runs, in order. */
  flowRuns: FlowRun[];
  stop(): Promise<void>;
}

async function answer(server: Mockttp, verdicts: StandInVerdict[], runs: FlowRun[]): Promise<void> {
  await server.forAnyRequest().thenCallback(async (req: CompletedRequest) => {
    const r: Req = { url: new URL(req.url), headers: req.headers, body: (await req.body.getText()) ?? '' };
    const [vendor, reply] = route(r, runs);
    verdicts.push({ vendor, status: reply.status, ...(reply.reason ? { reason: reply.reason } : {}) });
    if (reply.json !== undefined) return { statusCode: reply.status, json: reply.json };
    return { statusCode: reply.status, body: reply.text ?? reply.reason ?? '' };
  });
}

/** Starts the stand-ins on a free loopback port. */
export async function startStandIns(): Promise<StandIns> {
  const rx = await startReceiver();
  const verdicts: StandInVerdict[] = [];
  const flowRuns: FlowRun[] = [];
  await answer(rx.server, verdicts, flowRuns);
  return { rx, verdicts, flowRuns, stop: () => rx.stop() };
}

/** A preset URL pointed at the stand-ins: same path and query, host `localhost:<port>`. */
export function standInUrl(rx: Receiver, url: string): string {
  const at = url.replace(/^https:\/\/[^/?]+/, '');
  return rx.url(at.startsWith('/') || at.startsWith('?') ? (at.startsWith('?') ? `/${at}` : at) : `/${at}`);
}
