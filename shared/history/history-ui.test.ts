import { describe, expect, it } from 'vitest';
import { INVOCATION_SCHEMA_VERSION, type InvocationRecord } from '../delivery/invocation';
import { emptyWebhookInput } from '../model/webhook';
import { EMPTY_FILTERS, buildHistoryQuery, parseStatusFilter } from './filters';
import { DIFF_PARTS, diffSides } from './replay-diff';

const NOW = Date.parse('2025-06-01T12:00:00.000Z');
const byTime = { key: 'time', direction: 'desc' } as const;

describe('history filters', () => {
  it('leaves empty filters out of the query and keeps sort and page size', () => {
    expect(buildHistoryQuery(EMPTY_FILTERS, byTime, NOW)).toEqual({ ok: true, query: { sort: 'time', direction: 'desc', limit: 200 } });
  });

  it('maps every filter, a relative range anchored at now, and trims the search text', () => {
    const out = buildHistoryQuery({ ...EMPTY_FILTERS, webhookId: 'w1', outcome: 'Failure', trigger: 'RequestCreated', range: '1h', status: ' 5XX ', text: '  timeout ' }, { key: 'duration', direction: 'asc' }, NOW, 50);
    expect(out).toEqual({
      ok: true,
      query: { sort: 'duration', direction: 'asc', limit: 50, webhookId: 'w1', outcome: 'Failure', trigger: 'RequestCreated', status: '5xx', since: '2025-06-01T11:00:00.000Z', text: 'timeout' },
    });
  });

  it('looks a request up by id, or by requester when it is an email', () => {
    const q = (request: string) => {
      const out = buildHistoryQuery({ ...EMPTY_FILTERS, request }, byTime, NOW);
      return out.ok ? { requestId: out.query.requestId, requester: out.query.requester } : out;
    };
    expect(q('  REQ-1042 ')).toEqual({ requestId: 'REQ-1042', requester: undefined });
    expect(q('Ada@Example.com')).toEqual({ requestId: undefined, requester: 'Ada@Example.com' });
    expect(q('   ')).toEqual({ requestId: undefined, requester: undefined });
  });

  it('parses status codes, classes and 0, and names the field and the fix otherwise', () => {
    expect(parseStatusFilter('503')).toEqual({ ok: true, value: 503 });
    expect(parseStatusFilter('0')).toEqual({ ok: true, value: 0 });
    expect(parseStatusFilter('4xx')).toEqual({ ok: true, value: '4xx' });
    for (const bad of ['99', '600', '6xx', 'abc', '50']) {
      const r = parseStatusFilter(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/^HTTP status: .*write a code like 503/);
    }
  });

  it('uses a custom range and refuses one that ends before it starts', () => {
    const from = '2025-05-01T08:00';
    const ok = buildHistoryQuery({ ...EMPTY_FILTERS, range: 'custom', from, to: '2025-05-02T08:00' }, byTime, NOW);
    expect(ok.ok && ok.query.since).toBe(new Date(from).toISOString());
    const bad = buildHistoryQuery({ ...EMPTY_FILTERS, range: 'custom', from, to: '2025-04-30T08:00', status: 'x' }, byTime, NOW);
    expect(bad.ok ? [] : bad.issues.map((i) => i.field)).toEqual(['status', 'to']);
  });
});

function record(over: Partial<InvocationRecord>): InvocationRecord {
  return {
    schemaVersion: INVOCATION_SCHEMA_VERSION,
    id: 'a',
    webhookId: 'w1',
    webhookName: 'Hook',
    webhook: { ...emptyWebhookInput(), id: 'w1', createdAt: '', updatedAt: '' },
    trigger: 'RequestCreated',
    event: {},
    renderedBody: '{"a":1}',
    request: { method: 'POST', url: 'https://h.example/x', headers: [['Content-Type', 'application/json'], ['X-Run', '1']], body: '{"a":1,"b":2}' },
    response: { status: 503, statusText: 'Service Unavailable', headers: [], body: 'down', bodyEncoding: 'utf8', size: 4, truncated: false, fullSize: 4 },
    steps: [],
    validators: [],
    outcome: 'Failure',
    error: { errorClass: 'http-status', message: 'The receiver answered 503.', hint: 'Retry later.' },
    warnings: [],
    startedAt: '2025-01-01T00:00:00.000Z',
    finishedAt: '2025-01-01T00:00:00.010Z',
    durationMs: 10,
    ...over,
  };
}

describe('replay diff sides', () => {
  const original = record({});
  const replay = record({
    id: 'b',
    replayOf: 'a',
    request: { method: 'POST', url: 'https://h.example/x', headers: [['Content-Type', 'application/json'], ['X-Run', '2']], body: '{"a":1,"b":3}' },
    response: { status: 200, statusText: 'OK', headers: [], body: '{"ok":true}', bodyEncoding: 'utf8', size: 11, truncated: false, fullSize: 11 },
    outcome: 'Success',
    error: null,
  });

  it('pretty-prints JSON request bodies so a changed field is one changed line', () => {
    const s = diffSides(original, replay, 'Request body');
    expect(s.language).toBe('json');
    expect(s.original.split('\n')).toContain('  "b": 2');
    expect(s.replay.split('\n')).toContain('  "b": 3');
    expect(s.same).toBe(false);
  });

  it('shows headers one per line, status with outcome and error, and a non-JSON body as plain text', () => {
    expect(diffSides(original, replay, 'Request headers')).toMatchObject({ original: 'Content-Type: application/json\nX-Run: 1', replay: 'Content-Type: application/json\nX-Run: 2' });
    expect(diffSides(original, replay, 'Response status')).toMatchObject({
      original: '503 Service Unavailable\nOutcome: Failure\nError: http-status — The receiver answered 503.',
      replay: '200 OK\nOutcome: Success',
    });
    expect(diffSides(original, replay, 'Response body')).toMatchObject({ original: 'down', language: 'plaintext' });
  });

  it('says when a side has nothing to show and when the sides are equal', () => {
    const none = record({ request: null, response: null, bodiesOmitted: true });
    expect(diffSides(none, none, 'Request headers')).toMatchObject({ original: '(nothing was sent)', same: true });
    expect(diffSides(none, original, 'Response body').original).toMatch(/^\(no response: The receiver answered 503\.\)$/);
    expect(diffSides(none, original, 'Request body').original).toMatch(/body not kept/);
    expect(DIFF_PARTS.every((p) => diffSides(original, original, p).same)).toBe(true);
  });

  it('bodies with the same JSON but other bytes are a difference, shown raw with a note', () => {
    const compact = record({ request: { method: 'POST', url: 'https://h.example/x', headers: [], body: '{"a":1,"b":2}' } });
    const spaced = record({ id: 'c', request: { method: 'POST', url: 'https://h.example/x', headers: [], body: '{ "a": 1, "b": 2 }\n' } });
    const s = diffSides(compact, spaced, 'Request body');
    expect(s).toMatchObject({ same: false, language: 'plaintext', original: '{"a":1,"b":2}', replay: '{ "a": 1, "b": 2 }\n' });
    expect(s.note).toMatch(/same JSON but not the same bytes/);
  });
});
