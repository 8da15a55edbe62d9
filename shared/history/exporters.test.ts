import { describe, expect, it } from 'vitest';
import { INVOCATION_SCHEMA_VERSION, type InvocationRecord } from '../delivery/invocation';
import { MASKED_SECRET, emptyWebhookInput } from '../model/webhook';
import { BUNDLE_VERSION, parseBundle, toBundle } from './bundle';
import { toCurl } from './export-curl';
import { harTimings, toHar } from './export-har';
import { parseCurl, shellWords } from './parse-curl';
import { shellQuote } from './shell';
import { bucketStats, parseDuration, percentile } from './stats';

const request = {
  method: 'POST',
  url: 'https://hooks.example.com/x?a=1&b=two',
  headers: [['Content-Type', 'application/json'], ['X-Api-Key', MASKED_SECRET], ['Authorization', `Bearer ${MASKED_SECRET}`], ['Host', 'hooks.example.com'], ['Content-Length', '9']] as [string, string][],
  body: `{"a":"'"}`,
};
const record: InvocationRecord = {
  schemaVersion: INVOCATION_SCHEMA_VERSION,
  id: 'id-1',
  webhookId: 'w1',
  webhookName: 'Slack Alerts',
  webhook: { ...emptyWebhookInput(), name: 'Slack Alerts', url: request.url, headers: [{ key: 'X-Api-Key', value: MASKED_SECRET, secret: true }], auth: { type: 'bearer', token: MASKED_SECRET }, id: 'w1', createdAt: '', updatedAt: '' },
  trigger: 'RequestCreated',
  event: { id: 1 },
  renderedBody: request.body,
  request,
  response: null,
  steps: [{ kind: 'webhook', attempt: 1, startedAt: '2025-01-01T00:00:00.000Z', durationMs: 5, request, response: null, timings: null, error: null }],
  validators: [],
  outcome: 'Failure',
  error: { errorClass: 'connection-refused', message: 'refused', hint: 'start it' },
  warnings: [],
  startedAt: '2025-01-01T00:00:00.000Z',
  finishedAt: '2025-01-01T00:00:00.005Z',
  durationMs: 5,
};

describe('curl export', () => {
  it('quotes every word, uses env references for secrets, drops computed headers and removes curl\'s Accept', () => {
    const out = toCurl(record)!;
    expect(out.envVars).toEqual(['HOOKSMITH_SLACK_ALERTS_X_API_KEY', 'HOOKSMITH_SLACK_ALERTS_TOKEN']);
    expect(out.command).toContain(`--header 'X-Api-Key: '"$HOOKSMITH_SLACK_ALERTS_X_API_KEY"`);
    expect(out.command).toContain(`--header 'Authorization: Bearer '"$HOOKSMITH_SLACK_ALERTS_TOKEN"`);
    expect(out.command).toContain(`--data-binary '{"a":"'\\''"}'`);
    expect(out.command).toContain(`--header 'Accept:'`);
    expect(out.command).not.toMatch(/Host:|Content-Length:/);
    expect(out.command).not.toContain(MASKED_SECRET);
  });

  it('puts secrets in clear only when given, and never reads a file for a body starting with @', () => {
    const out = toCurl({ ...record, request: { ...request, body: '@/etc/passwd' } }, { revealed: { 'x-api-key': 'k1', authorization: 't1' } })!;
    expect(out.envVars).toEqual([]);
    expect(out.command).toContain(`'X-Api-Key: k1'`);
    expect(out.command).toContain(`'Authorization: Bearer t1'`);
    expect(out.command).toContain(`--data-raw @/etc/passwd`);
  });

  it('round-trips through the curl parser', () => {
    const parsed = parseCurl(toCurl(record)!.command);
    expect(parsed).toMatchObject({
      ok: true,
      request: { method: 'POST', url: request.url, body: request.body, headers: expect.arrayContaining([['X-Api-Key', '${env:HOOKSMITH_SLACK_ALERTS_X_API_KEY}'], ['Content-Type', 'application/json']]) },
    });
  });

  it('returns null when nothing was sent', () => {
    expect(toCurl({ ...record, request: null })).toBeNull();
  });

  it('shell-quotes safely', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('$(rm -rf /)')).toBe(`'$(rm -rf /)'`);
    expect(shellQuote('')).toBe(`''`);
    expect(shellQuote('plain-word')).toBe('plain-word');
  });
});

describe('curl parser', () => {
  it('reads browser-style commands with continuations, -d, --json and short options', () => {
    const r = parseCurl(`curl 'https://x.example.com/h' \\\n  -H 'X-A: 1' -H "X-B: \\"q\\"" \\\n  --compressed -s --data-raw '{"k":1}'`);
    expect(r).toEqual({ ok: true, request: { method: 'POST', url: 'https://x.example.com/h', headers: [['X-A', '1'], ['X-B', '"q"']], body: '{"k":1}', warnings: ['Dropped --compressed, -s: they only change how curl runs on your machine, not the request.'] } });
    const j = parseCurl(`curl -XPUT --json '{}' https://x.example.com`);
    expect(j.ok && j.request).toMatchObject({ method: 'PUT', headers: [['Content-Type', 'application/json']], body: '{}' });
  });

  it('fails naming the option or quote it cannot read', () => {
    expect(parseCurl(`curl --frobnicate https://x`)).toMatchObject({ ok: false, message: expect.stringMatching(/--frobnicate/) });
    expect(parseCurl(`curl 'https://x`)).toMatchObject({ ok: false, message: expect.stringMatching(/unterminated single quote/) });
    expect(parseCurl(`wget https://x`)).toMatchObject({ ok: false });
    expect(parseCurl(`curl -d @body.json https://x`)).toMatchObject({ ok: false, message: expect.stringMatching(/reads a file/) });
    expect(shellWords(`a "b c" d\\ e`)).toEqual(['a', 'b c', 'd e']);
  });

  it('turns -u user:password into Basic authentication, base64 computed', () => {
    const r = parseCurl(`curl -u 'ada:pässword' https://x.example.com`);
    expect(r.ok && r.request.headers).toEqual([['Authorization', `Basic ${Buffer.from('ada:pässword').toString('base64')}`]]);
  });

  it('refuses -u from the environment (it would go out unencoded) and -u without a password, naming the fix', () => {
    for (const cmd of [`curl -u "$USER:$PASS" https://x`, `curl --user "\${CREDS}" https://x`, `curl --user=$CREDS https://x`]) {
      const r = parseCurl(cmd);
      expect(r, cmd).toMatchObject({ ok: false, message: expect.stringMatching(/base64-encoded.*-H "Authorization: \$AUTH"/) });
    }
    expect(parseCurl(`curl -u "$USER:$PASS" https://x`)).toMatchObject({ message: expect.stringContaining(`printf '%s' "$USER:$PASS" | base64`) });
    expect(parseCurl(`curl -u ada https://x`)).toMatchObject({ ok: false, message: expect.stringMatching(/no password.*-u "ada:password"/) });
  });
});

describe('HAR export', () => {
  it('maps phases to HAR timings with -1 for phases that did not happen', () => {
    expect(harTimings({ queueMs: 0.5, dnsMs: null, tcpMs: 1, tlsMs: 2, sendMs: 0.25, waitMs: 10, downloadMs: 1, totalMs: 14.75, reusedSocket: false })).toEqual({ blocked: 0.5, dns: -1, connect: 3, ssl: 2, send: 0.25, wait: 10, receive: 1 });
    expect(harTimings(null)).toEqual({ blocked: -1, dns: -1, connect: -1, ssl: -1, send: 0, wait: 0, receive: 0 });
  });

  it('writes a failed exchange with status 0 and the error in _error, query string listed', () => {
    const har = toHar([record], '1.0.0');
    expect(har.log.version).toBe('1.2');
    const e = har.log.entries[0]!;
    expect(e.response.status).toBe(0);
    expect(e._error).toEqual({ errorClass: 'connection-refused', message: 'refused' });
    expect(e.request.queryString).toEqual([{ name: 'a', value: '1' }, { name: 'b', value: 'two' }]);
    expect(e.request.postData).toEqual({ mimeType: 'application/json', text: request.body });
    expect(toHar([{ ...record, request: null }], '1').log.entries).toEqual([]);
  });
});

describe('repro bundle', () => {
  it('carries the webhook with env placeholders instead of secrets, and parses back', () => {
    const b = toBundle(record, '2025-02-01T00:00:00.000Z');
    expect(b.bundleVersion).toBe(BUNDLE_VERSION);
    expect(b.webhook.headers[0]!.value).toBe('${env:HOOKSMITH_SLACK_ALERTS_X_API_KEY}');
    expect(b.webhook.auth).toEqual({ type: 'bearer', token: '${env:HOOKSMITH_SLACK_ALERTS_TOKEN}' });
    expect(parseBundle(JSON.stringify(b))).toEqual({ ok: true, bundle: b });
  });

  it('refuses other JSON and newer versions, naming the field', () => {
    expect(parseBundle('{"kind":"x"}')).toMatchObject({ ok: false, field: 'kind' });
    expect(parseBundle(JSON.stringify({ ...toBundle(record, ''), bundleVersion: 99 }))).toMatchObject({ ok: false, field: 'bundleVersion', message: expect.stringMatching(/update Hooksmith/) });
    expect(parseBundle('nope')).toMatchObject({ ok: false, field: '(file)' });
    expect(parseBundle(JSON.stringify({ ...toBundle(record, ''), startedAt: 'yesterday' }))).toMatchObject({ ok: false, field: 'startedAt' });
    expect(parseBundle(JSON.stringify({ ...toBundle(record, ''), durationMs: '5' }))).toMatchObject({ ok: false, field: 'durationMs' });
    expect(parseBundle(JSON.stringify({ ...toBundle(record, ''), webhook: { url: 'https://x' } }))).toMatchObject({ ok: false, field: 'webhook' });
  });
});

describe('stats', () => {
  it('buckets success rate and p50/p95 by time', () => {
    const h = 3_600_000;
    const points = [
      ...Array.from({ length: 20 }, (_, i) => ({ t: i * 1000, ok: true, durationMs: i + 1 })),
      ...Array.from({ length: 4 }, (_, i) => ({ t: h + i, ok: i === 0, durationMs: 100 })),
    ];
    const s = bucketStats('w', points, h);
    expect(s.buckets).toEqual([
      { start: '1970-01-01T00:00:00.000Z', count: 20, successRate: 1, p50Ms: 10, p95Ms: 19 },
      { start: '1970-01-01T01:00:00.000Z', count: 4, successRate: 0.25, p50Ms: 100, p95Ms: 100 },
    ]);
    expect(s.successRate).toBeCloseTo(21 / 24);
    expect(percentile([], 0.5)).toBe(0);
  });

  it('parses durations', () => {
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('7d')).toBe(7 * 86_400_000);
    expect(parseDuration('15m')).toBe(900_000);
    expect(parseDuration('soon')).toBeNull();
  });
});
