import { describe, expect, it } from 'vitest';
import { formatBytes, formatMs, headersText, prettyBody } from './format';
import type { InvocationRecord, InvocationStep, StepTimings } from './invocation';
import { formatInvocationSummary } from './summary';
import { buildWaterfall, niceTicks } from './waterfall';

const timings = (patch: Partial<StepTimings> = {}): StepTimings => ({
  queueMs: 0,
  dnsMs: 2,
  tcpMs: 3,
  tlsMs: 5,
  sendMs: 1,
  waitMs: 8,
  downloadMs: 1,
  totalMs: 20,
  reusedSocket: false,
  ...patch,
});

const step = (patch: Partial<InvocationStep> = {}): InvocationStep => ({
  kind: 'webhook',
  attempt: 1,
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 20,
  request: { method: 'POST', url: 'https://x.example/h', headers: [], body: '{}' },
  response: null,
  timings: timings(),
  error: null,
  ...patch,
});

function record(steps: InvocationStep[], patch: Partial<InvocationRecord> = {}): InvocationRecord {
  return {
    schemaVersion: 1,
    id: 'r1',
    webhookId: 'w1',
    webhookName: 'Okta',
    webhook: {} as InvocationRecord['webhook'],
    trigger: 'RequestCreated',
    event: {},
    renderedBody: '{}',
    request: steps.at(-1)?.request ?? null,
    response: { status: 200, statusText: 'OK', headers: [], body: '{"ok":true}', bodyEncoding: 'utf8', size: 11, truncated: false, fullSize: 11 },
    steps,
    validators: [],
    outcome: 'Success',
    error: null,
    warnings: [],
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:00.040Z',
    durationMs: 40,
    ...patch,
  };
}

describe('formatting', () => {
  it('formats durations and sizes for people', () => {
    expect([formatMs(0.4213), formatMs(12.34), formatMs(245.6), formatMs(1250), formatMs(125_000), formatMs(-1)]).toEqual([
      '0.42 ms',
      '12.3 ms',
      '246 ms',
      '1.25 s',
      '2 min 5 s',
      '—',
    ]);
    expect([formatBytes(512), formatBytes(1536), formatBytes(100 * 1024 * 1024)]).toEqual(['512 B', '1.5 KB', '100 MB']);
  });

  it('pretty-prints JSON bodies and leaves others alone', () => {
    expect(prettyBody('{"a":[1]}')).toEqual({ text: '{\n  "a": [\n    1\n  ]\n}', json: true });
    expect(prettyBody('<html>')).toEqual({ text: '<html>', json: false });
    expect(prettyBody('{broken')).toEqual({ text: '{broken', json: false });
    expect(prettyBody('e30=', 'base64').json).toBe(false);
  });

  it('writes headers one per line in order', () => {
    expect(headersText([['B', '2'], ['a', '1'], ['B', '3']])).toBe('B: 2\na: 1\nB: 3');
  });
});

describe('buildWaterfall', () => {
  it('places phases one after another within a step, on the invocation axis', () => {
    const wf = buildWaterfall(record([step({ startedAt: '2026-01-01T00:00:00.010Z' })]));
    expect(wf.totalMs).toBe(40);
    const [total, ...phases] = wf.groups[0]!.bars;
    expect(total).toMatchObject({ kind: 'step', startMs: 10, durationMs: 20, leftPct: 25, widthPct: 50 });
    expect(phases.map((b) => [b.phase, b.startMs, b.durationMs])).toEqual([
      ['queue', 10, 0],
      ['dns', 10, 2],
      ['tcp', 12, 3],
      ['tls', 15, 5],
      ['send', 20, 1],
      ['wait', 21, 8],
      ['download', 29, 1],
    ]);
    expect(phases[3]).toMatchObject({ leftPct: 37.5, widthPct: 12.5 });
  });

  it('gives the token call its own group, notes a cached token and a reused connection, and skips phases that did not happen', () => {
    const token = step({ kind: 'oauth-token', fromCache: true, timings: null, durationMs: 0, request: null });
    const call = step({ timings: timings({ dnsMs: null, tcpMs: null, tlsMs: null, reusedSocket: true }) });
    const wf = buildWaterfall(record([token, call]));
    expect(wf.groups.map((g) => g.title)).toEqual(['OAuth token', 'Webhook call']);
    expect(wf.groups[0]!.bars).toHaveLength(1);
    expect(wf.groups[0]!.bars[0]!.note).toMatch(/from cache/);
    expect(wf.groups[1]!.bars[0]!.note).toMatch(/reused connection/);
    expect(wf.groups[1]!.bars.map((b) => b.phase ?? 'total')).toEqual(['total', 'queue', 'send', 'wait', 'download']);
  });

  it('stretches the axis when a step outlasts the recorded duration and never draws past 100%', () => {
    const wf = buildWaterfall(record([step({ startedAt: '2026-01-01T00:00:00.030Z', timings: timings({ totalMs: 50 }), durationMs: 50 })], { durationMs: 10 }));
    expect(wf.totalMs).toBe(80);
    for (const b of wf.groups[0]!.bars) expect(b.leftPct + b.widthPct).toBeLessThanOrEqual(100);
  });

  it('picks round tick steps', () => {
    expect(niceTicks(40)).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(0)).toEqual([0]);
    expect(niceTicks(1234).at(1)).toBe(500);
  });
});

describe('formatInvocationSummary', () => {
  it('says what happened, how long each phase took, and the hint on failure', () => {
    const failed = record([step()], {
      outcome: 'Failure',
      response: { status: 401, statusText: 'Unauthorized', headers: [], body: '', bodyEncoding: 'utf8', size: 0, truncated: false, fullSize: 0 },
      validators: [{ jsonPath: '$.data.status', expectedValues: ['ok'], passed: false, found: [], reason: 'no value at this path' }],
      error: { errorClass: 'http-status', message: 'The server answered 401.', hint: 'Check the Authorization header.', status: 401 },
    });
    const text = formatInvocationSummary(failed);
    expect(text).toMatch(/^Test failed: Okta · RequestCreated · 40\.0 ms\n/);
    expect(text).toContain('Request:  POST https://x.example/h');
    expect(text).toContain('Response: 401 Unauthorized');
    expect(text).toMatch(/Webhook:\s+20\.0 ms \(queue 0\.00 ms, dns 2\.00 ms, tcp 3\.00 ms, tls 5\.00 ms/);
    expect(text).toContain('FAIL  $.data.status  found nothing; expected ok (no value at this path)');
    expect(text).toContain('Hint: Check the Authorization header.');
    expect(formatInvocationSummary(record([step()]))).toMatch(/^Test successful/);
  });

  it('says a cancelled send was cancelled, and after how long', () => {
    const cancelled = record([step()], {
      outcome: 'Failure',
      durationMs: 1250,
      error: { errorClass: 'cancelled', message: 'The delivery was cancelled.', hint: 'Nothing to fix: it was stopped on request.' },
    });
    const text = formatInvocationSummary(cancelled);
    expect(text).toMatch(/^Cancelled after 1\.25 s: Okta · RequestCreated\n/);
    expect(text).toContain('Error (cancelled): The delivery was cancelled.');
  });
});
