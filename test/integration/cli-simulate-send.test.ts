/** `hooksmith simulate --send` in-process against a real HTTPS receiver, over real files and the real history. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HistoryPage } from '../../shared/history/types';
import { cliIn } from '../support/cli-in';
import { receiverSuite } from '../support/receiver-suite';
import { webhookInput } from '../support/webhook-fixtures';

const suite = receiverSuite({ caFile: true });
const cli = (args: string[], env: Record<string, string> = {}) => cliIn(suite.dir.path, args, env);

const ALL = ['RequestCreated', 'RequestApproved', 'RequestRejected', 'RequestGranted', 'RequestExpired', 'RequestFailed'] as const;
const body = '{"type": "{{event_type}}", "who": "{{data.requester.name}}"}';

/** Overlapping webhooks: one fires at every step, one only on Approved, one is filtered out, one is off. */
function hooks() {
  return {
    schemaVersion: 1,
    webhooks: [
      webhookInput({ name: 'Everything', url: suite.rx.url('/all'), bodyTemplate: body, triggers: [...ALL] }),
      webhookInput({ name: 'OnApproval', url: suite.rx.url('/approved'), bodyTemplate: body, triggers: ['RequestApproved'] }),
      webhookInput({ name: 'AwsGrants', url: suite.rx.url('/aws'), triggers: ['RequestGranted'], filters: [{ field: 'integration', values: ['aws prod'] }] }),
      webhookInput({ name: 'Off', url: suite.rx.url('/off'), active: false, triggers: [...ALL] }),
    ],
  };
}

async function history(): Promise<HistoryPage> {
  const r = await cli(['history', '--json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as HistoryPage;
}

describe('hooksmith simulate --send', () => {
  it('sends one request per fired cell with that step’s event, prints each outcome, and records each in the history', async () => {
    const all = await suite.rx.server.forPost('/all').always().thenJson(200, { ok: true });
    const approved = await suite.rx.server.forPost('/approved').always().thenJson(202, { queued: true });
    const others = await suite.rx.server.forAnyRequest().thenReply(500, 'should not be called');
    await writeFile(join(suite.dir.path, 'hooks.json'), JSON.stringify(hooks()));

    const r = await cli(['simulate', '--webhooks', 'hooks.json', '--send', '--ca', 'ca.pem']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^STEP\s+Everything\s+OnApproval\s+AwsGrants\s+Off$/);
    expect(lines[1]).toMatch(/^RequestCreated\s+fires → Success 200\s+trigger not selected\s+trigger not selected\s+inactive$/);
    expect(lines[2]).toMatch(/^RequestApproved\s+fires → Success 200\s+fires → Success 202\s+trigger not selected\s+inactive$/);
    expect(lines[3]).toMatch(/^RequestGranted\s+fires → Success 200\s+trigger not selected\s+filtered out\s+inactive$/);
    expect(r.out).toMatch(/^Sent \(recorded in the history/m);
    expect(r.out).toMatch(/^ {2}RequestApproved × OnApproval: Success 202 · [\d.]+ m?s · invocation [0-9a-f-]{36}$/m);

    const seen = await all.getSeenRequests();
    expect(await Promise.all(seen.map(async (q) => ((await q.body.getJson()) as { type: string }).type))).toEqual([
      'AccessRequestCreated',
      'AccessRequestApproved',
      'AccessRequestGranted',
      'AccessRequestExpired',
    ]);
    expect(await approved.getSeenRequests()).toHaveLength(1);
    expect(await others.getSeenRequests()).toEqual([]);

    const h = await history();
    expect(h.total).toBe(5);
    expect(h.items.map((i) => `${i.webhookName}:${i.trigger}:${i.outcome}`).sort()).toEqual([
      'Everything:RequestApproved:Success',
      'Everything:RequestCreated:Success',
      'Everything:RequestExpired:Success',
      'Everything:RequestGranted:Success',
      'OnApproval:RequestApproved:Success',
    ]);
  });

  it('sends saved webhooks by name with their stored settings; a failed send gives exit 1 but the rest still go out, as JSON', async () => {
    const all = await suite.rx.server.forPost('/all').always().thenReply(503, 'maintenance');
    const approved = await suite.rx.server.forPost('/approved').thenJson(200, { ok: true });
    await writeFile(join(suite.dir.path, 'hooks.json'), JSON.stringify(hooks()));
    expect((await cli(['webhooks', 'import', 'hooks.json'])).code).toBe(0);

    const r = await cli(['simulate', '--webhooks', 'Everything', 'OnApproval', '--lifecycle', 'rejected', '--send', '--ca', 'ca.pem', '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.out) as { steps: Array<{ step: string; webhooks: Array<{ name: string; verdict: string; sent?: { outcome: string; status: number; invocationId: string } }> }> };
    expect(out.steps.map((s) => s.webhooks.map((w) => [w.name, w.verdict, w.sent?.outcome ?? '-', w.sent?.status ?? '-']))).toEqual([
      [['Everything', 'fires', 'Failure', 503], ['OnApproval', 'trigger-not-selected', '-', '-']],
      [['Everything', 'fires', 'Failure', 503], ['OnApproval', 'trigger-not-selected', '-', '-']],
    ]);
    expect(await all.getSeenRequests()).toHaveLength(2);
    expect(await approved.getSeenRequests()).toHaveLength(0);
    const h = await history();
    expect(h.items.map((i) => i.id).sort()).toEqual(out.steps.map((s) => s.webhooks[0]!.sent!.invocationId).sort());
    expect(h.items.every((i) => i.webhookId && i.outcome === 'Failure')).toBe(true);
  });

  it('a send that cannot go out (unset env variable) is "not sent", exit 1, and nothing reaches the receiver', async () => {
    const all = await suite.rx.server.forPost('/all').thenJson(200, { ok: true });
    const file = { schemaVersion: 1, ...webhookInput({ name: 'NeedsKey', url: suite.rx.url('/all'), triggers: ['RequestCreated'], headers: [{ key: 'X-Key', value: '${env:SIM_KEY}', secret: true }] }) };
    await writeFile(join(suite.dir.path, 'one.json'), JSON.stringify(file));
    const r = await cli(['simulate', '--webhooks', 'one.json', '--lifecycle', 'failed', '--send', '--ca', 'ca.pem']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^RequestCreated\s+fires → not sent$/m);
    expect(r.out).toMatch(/RequestCreated × NeedsKey: not sent: Not sent: .*SIM_KEY/);
    expect(await all.getSeenRequests()).toEqual([]);
  });

  it('documents its exit codes in --help', async () => {
    const r = await cli(['simulate', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/1 with --send when any send failed or could not go out/);
  });
});

describe('hooksmith send --event Manual', () => {
  it('invokes a saved webhook on demand with the Manual sample, even one without the Manual trigger, and records it', async () => {
    const ep = await suite.rx.server.forPost('/all').thenJson(200, { ok: true });
    await writeFile(join(suite.dir.path, 'hooks.json'), JSON.stringify(hooks()));
    expect((await cli(['webhooks', 'import', 'hooks.json'])).code).toBe(0);
    const r = await cli(['send', 'Everything', '--event', 'Manual', '--ca', 'ca.pem']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Test successful: Everything · Manual/);
    const [seen] = await ep.getSeenRequests();
    expect(await seen!.body.getJson()).toEqual({ type: 'Manual', who: 'User' });
    expect((await history()).items.map((i) => [i.webhookName, i.trigger])).toEqual([['Everything', 'Manual']]);
  });
});
