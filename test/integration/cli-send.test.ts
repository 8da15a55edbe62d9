/** `hooksmith send` in-process against a real HTTPS receiver, over real files. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InvocationRecord } from '../../shared/delivery/invocation';
import { cliIn } from '../support/cli-in';
import { receiverSuite } from '../support/receiver-suite';
import { webhookInput } from '../support/webhook-fixtures';

const suite = receiverSuite({ caFile: true });
const cli = (args: string[], env: Record<string, string> = {}) => cliIn(suite.dir.path, args, env);

async function definitionFile(name: string, overrides: Parameters<typeof webhookInput>[0]) {
  await writeFile(join(suite.dir.path, name), JSON.stringify({ schemaVersion: 1, ...webhookInput(overrides) }));
  return name;
}

describe('hooksmith send', () => {
  it('sends a definition file with an env secret, prints a summary with timings and validators, exit 0', async () => {
    const ep = await suite.rx.server.forPost('/ok').thenJson(200, { status: 'ok' });
    const file = await definitionFile('hook.json', {
      url: suite.rx.url('/ok'),
      headers: [{ key: 'X-Api-Key', value: '${env:CLI_KEY}', secret: true }],
      responseValidators: [{ jsonPath: '$.data.status', expectedValues: ['ok'] }],
    });
    const r = await cli(['send', file, '--event', 'RequestGranted', '--ca', 'ca.pem'], { CLI_KEY: 'cli-secret-998877' });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Test successful: SlackAlerts · RequestGranted/);
    expect(r.out).toMatch(/Response: 200 OK/);
    expect(r.out).toMatch(/Webhook:\s+[\d.]+ m?s \(queue .*tls .*wait/);
    expect(r.out).toContain('pass  $.data.status  found ok; expected ok');
    expect(r.out).not.toContain('cli-secret-998877');
    const [seen] = await ep.getSeenRequests();
    expect(seen?.headers['x-api-key']).toBe('cli-secret-998877');
    expect(await seen?.body.getJson()).toEqual({ text: 'AccessRequestGranted by User' });
  });

  it('sends a saved webhook by name with a payload file and prints the record with --json; exit 1 when it fails', async () => {
    await suite.rx.server.forPost('/fail').thenReply(503, 'down', { 'Retry-After': '30' });
    const file = await definitionFile('saved.json', { name: 'Datadog', url: suite.rx.url('/fail') });
    expect((await cli(['webhooks', 'import', file])).code).toBe(0);
    await writeFile(join(suite.dir.path, 'event.json'), JSON.stringify({ event_type: 'Custom', data: { requester: { name: 'Zed' } } }));
    const r = await cli(['send', 'datadog', '--payload', 'event.json', '--json', '--ca', 'ca.pem']);
    expect(r.code).toBe(1);
    const record = JSON.parse(r.out) as InvocationRecord;
    expect(record).toMatchObject({ webhookName: 'Datadog', outcome: 'Failure', renderedBody: '{"text": "Custom by Zed"}', error: { errorClass: 'http-status', status: 503, retryAfter: '30' } });

    const text = await cli(['send', 'Datadog', '--ca', 'ca.pem']);
    expect(text.code).toBe(1);
    expect(text.out).toMatch(/^Test failed/);
    expect(text.out).toMatch(/Hint: The service is temporarily unavailable: .* It asked to retry after 30 s \(Retry-After\)/);
  });

  it('exits 1 naming the field when a secret env variable is unset, sending nothing', async () => {
    const ep = await suite.rx.server.forAnyRequest().thenReply(200);
    const file = await definitionFile('env.json', { url: suite.rx.url('/x'), auth: { type: 'bearer', token: '${env:MISSING_TOKEN}' } });
    const r = await cli(['send', file, '--ca', 'ca.pem']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/auth\.token: The bearer token reads the environment variable MISSING_TOKEN, which is not set/);
    expect(await ep.getSeenRequests()).toHaveLength(0);
  });

  it('exits 2 for bad usage: no target, unknown name, bad trigger, unreadable payload, invalid file', async () => {
    expect((await cli(['send'])).code).toBe(2);
    const unknown = await cli(['send', 'NoSuchHook']);
    expect(unknown).toMatchObject({ code: 2, err: expect.stringMatching(/neither a file nor a saved webhook/) });
    const file = await definitionFile('ok.json', { url: suite.rx.url('/x') });
    expect((await cli(['send', file, '--event', 'Nope'])).err).toMatch(/--event must be one of/);
    expect(await cli(['send', file, '--payload', 'missing.json'])).toMatchObject({ code: 2, err: '--payload missing.json: no such file.\n' });
    await writeFile(join(suite.dir.path, 'broken.json'), '{\n  "data": {\n    "a": 1,\n  }\n}\n');
    const broken = await cli(['send', file, '--payload', 'broken.json']);
    expect(broken.code).toBe(2);
    expect(broken.err).toBe('broken.json:4:3: --payload is not valid JSON: expected a "quoted" property name but found "}"; a trailing comma is a common cause — fix the file there.\n');
    const bad = await definitionFile('bad.json', { url: 'ftp://nowhere', triggers: [] });
    const invalid = await cli(['send', bad]);
    expect(invalid.code).toBe(2);
    expect(invalid.err).toMatch(/url/);
    expect((await cli(['send', '--help'])).out).toMatch(/usage: hooksmith send/);
  });
});
