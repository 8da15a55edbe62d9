import { INVOCATION_SCHEMA_VERSION, type InvocationRecord } from '../../shared/delivery/invocation';
import { emptyWebhookInput } from '../../shared/model/webhook';

let n = 0;

/**
 * A realistic invocation record (~4 KB as JSON, the body appearing three times as in real records: a rendered Apono event body, request and response headers,
 * a JSON response, one step with timings). `bodyBytes` pads the request body to make bigger records.
 */
export function makeRecord(overrides: Partial<InvocationRecord> = {}, bodyBytes = 500): InvocationRecord {
  n++;
  const id = overrides.id ?? `inv-${process.pid}-${n}-${Math.random().toString(36).slice(2, 10)}`;
  const startedAt = overrides.startedAt ?? new Date(Date.UTC(2025, 0, 1) + n * 1000).toISOString();
  const body = JSON.stringify({ event_type: 'RequestCreated', request_id: `REQ-${n}`, requester: { name: 'Ada Lovelace', email: 'ada@example.com' }, justification: 'x'.repeat(bodyBytes) });
  const url = 'https://hooks.example.com/services/T000/B000/XXXX';
  const request = {
    method: 'POST',
    url,
    headers: [['Content-Type', 'application/json'], ['User-Agent', 'Hooksmith/0.1'], ['X-Api-Key', '••••••••'], ['Host', 'hooks.example.com'], ['Content-Length', String(body.length)]] as [string, string][],
    body,
  };
  const response = {
    status: 200,
    statusText: 'OK',
    headers: [['content-type', 'application/json'], ['date', 'Wed, 01 Jan 2025 00:00:00 GMT'], ['x-request-id', id]] as [string, string][],
    body: JSON.stringify({ status: 'ok', received: n, detail: 'y'.repeat(300) }),
    bodyEncoding: 'utf8' as const,
    size: 350,
    truncated: false,
    fullSize: 350,
  };
  const timings = { queueMs: 0.1, dnsMs: 1.2, tcpMs: 1.5, tlsMs: 3.1, sendMs: 0.4, waitMs: 25, downloadMs: 0.6, totalMs: 31.9, reusedSocket: false };
  return {
    schemaVersion: INVOCATION_SCHEMA_VERSION,
    id,
    webhookId: 'wh-1',
    webhookName: 'SlackAlerts',
    webhook: { ...emptyWebhookInput(), name: 'SlackAlerts', url, headers: [{ key: 'X-Api-Key', value: '••••••••', secret: true }], id: 'wh-1', createdAt: startedAt, updatedAt: startedAt },
    trigger: 'RequestCreated',
    event: { event_type: 'RequestCreated', data: { friendly_id: `REQ-${n}`, requester: { name: 'Ada Lovelace' } } },
    renderedBody: body,
    request,
    response,
    steps: [{ kind: 'webhook', attempt: 1, startedAt, durationMs: 31.9, request, response, timings, error: null }],
    validators: [],
    outcome: 'Success',
    error: null,
    warnings: [],
    startedAt,
    finishedAt: startedAt,
    durationMs: 31.9,
    ...overrides,
  };
}

/** A failed record: a 500 from the server. */
export function makeFailure(overrides: Partial<InvocationRecord> = {}): InvocationRecord {
  const base = makeRecord(overrides);
  const response = { ...base.response!, status: 500, statusText: 'Internal Server Error', body: '{"error":"database unavailable"}' };
  return {
    ...base,
    response,
    outcome: 'Failure',
    error: { errorClass: 'http-status', message: 'The server answered 500.', hint: 'Check the server logs.', status: 500 },
    ...overrides,
  };
}
