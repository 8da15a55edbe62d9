/**
 * The response body limit (issue 4 #6: "1 MB by default, configurable") against a real HTTPS receiver that
 * answers 3 MB: the app setting applies to Test, replays, `hooksmith send` and `simulate --send`, and
 * `send --max-response` overrides it for one send.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/services/backend';
import type { InvocationRecord } from '../../shared/delivery/invocation';
import type { HistoryPage } from '../../shared/history/types';
import { cliIn } from '../support/cli-in';
import { backendTrusting, receiverSuite } from '../support/receiver-suite';
import { webhookInput } from '../support/webhook-fixtures';

const MB = 1024 * 1024;
const suite = receiverSuite({ caFile: true });
const cli = (args: string[]) => cliIn(suite.dir.path, args);
let backend: Backend;

beforeEach(async () => {
  // The CLI's data folder (cliIn uses <cwd>/home), opened here as the app would.
  backend = await backendTrusting(suite.rx, { dataDir: join(suite.dir.path, 'home') });
  return () => backend.history.store.close();
});

/** A 3 MB answer (with its Content-Length, as most servers send) and a saved webhook pointing at it. */
async function bigReceiver(name = 'Big'): Promise<string> {
  await suite.rx.server.forPost('/big').thenReply(200, 'x'.repeat(3 * MB), { 'Content-Type': 'text/plain' });
  const r = await backend.api.webhooks.create({ input: webhookInput({ name, url: suite.rx.url('/big') }) });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.webhook.id;
}

async function setLimit(bytes: number): Promise<void> {
  const r = await backend.api.settings.update({ patch: { maxResponseBytes: bytes } });
  expect(r.ok && r.value.maxResponseBytes).toBe(bytes);
}

function expectCut(record: InvocationRecord | undefined, kept: number): void {
  expect(record?.response).toMatchObject({ status: 200, truncated: true, size: kept, fullSize: 3 * MB });
  expect(record?.response?.body).toHaveLength(kept);
}

describe('the response body limit', () => {
  it('is 1 MB by default; set to 2 MB, a Test and its replay keep 2 MB of a 3 MB answer, flagged, with the full size', async () => {
    const id = await bigReceiver();
    const before = await backend.api.delivery.test({ webhookId: id, trigger: 'RequestCreated', runId: 'default-limit' });
    expectCut(before.ok ? before.value : undefined, MB);

    await setLimit(2 * MB);
    const test = await backend.api.delivery.test({ webhookId: id, trigger: 'RequestCreated', runId: 'two-mb' });
    expectCut(test.ok ? test.value : undefined, 2 * MB);
    const stored = test.ok ? await backend.api.history.get({ id: test.value.id }) : undefined;
    expectCut(stored?.ok ? stored.value : undefined, 2 * MB);

    const replay = test.ok ? await backend.api.history.replay({ id: test.value.id, mode: 'exact' }) : undefined;
    expectCut(replay?.ok ? replay.value : undefined, 2 * MB);
    const rerender = test.ok ? await backend.api.history.replay({ id: test.value.id, mode: 'rerender' }) : undefined;
    expectCut(rerender?.ok ? rerender.value : undefined, 2 * MB);
  });

  it('refuses a limit that is not whole bytes from 1 KB to 100 MB, naming the field, and keeps the saved one', async () => {
    await setLimit(2 * MB);
    for (const bad of [512, 101 * MB, 1.5, Number.NaN]) {
      const r = await backend.api.settings.update({ patch: { maxResponseBytes: bad } });
      expect(r.ok ? null : r.error).toMatchObject({ code: 'validation-failed', field: 'maxResponseBytes', message: expect.stringMatching(/maxResponseBytes: Response body limit must/) });
    }
    const saved = await backend.api.settings.get();
    expect(saved.ok && saved.value.maxResponseBytes).toBe(2 * MB);
    const test = await backend.api.delivery.test({ webhookId: await bigReceiver(), trigger: 'RequestCreated', runId: 'bad-override', maxResponseBytes: 10 });
    expect(test.ok ? null : test.error).toMatchObject({ code: 'validation-failed', field: 'maxResponseBytes' });
  });

  it('applies to hooksmith send, and --max-response overrides it for one send', async () => {
    await bigReceiver('BigCli');
    await setLimit(2 * MB);
    const bySetting = await cli(['send', 'BigCli', '--json', '--ca', 'ca.pem']);
    expect(bySetting.err).toBe('');
    expectCut(JSON.parse(bySetting.out) as InvocationRecord, 2 * MB);

    const byFlag = await cli(['send', 'BigCli', '--ca', 'ca.pem', '--max-response', '512KB']);
    expect(byFlag.code).toBe(0);
    expect(byFlag.out).toMatch(/Response: 200 OK · 512 KB kept of 3 MB\n/);

    const history = JSON.parse((await cli(['history', '--json'])).out) as HistoryPage;
    expect(history.total).toBe(2);
    const latest = await backend.api.history.get({ id: history.items[0]!.id });
    expectCut(latest.ok ? latest.value : undefined, 512 * 1024);
  });

  it('refuses a bad --max-response with exit 2, sending nothing', async () => {
    await bigReceiver('BigBad');
    expect(await cli(['send', 'BigBad', '--max-response', 'lots'])).toMatchObject({ code: 2, err: expect.stringMatching(/^--max-response must be a size such as 2MB, 512KB or 1048576 \(bytes\), not "lots"/) });
    expect(await cli(['send', 'BigBad', '--max-response', '200MB'])).toMatchObject({ code: 2, err: expect.stringMatching(/^--max-response must be from 1 KB to 100 MB .*too large/) });
    expect((await cli(['send', '--help'])).out).toMatch(/--max-response {2}keep at most this much of the response body/);
    expect(await suite.rx.server.getMockedEndpoints().then((eps) => eps[0]!.getSeenRequests())).toHaveLength(0);
  });

  it('applies to simulate --send', async () => {
    await suite.rx.server.forPost('/big').thenReply(200, 'x'.repeat(3 * MB), { 'Content-Type': 'text/plain' });
    await setLimit(2 * MB);
    await writeFile(join(suite.dir.path, 'big.json'), JSON.stringify({ schemaVersion: 1, ...webhookInput({ name: 'BigSim', url: suite.rx.url('/big'), triggers: ['RequestCreated'] }) }));
    const r = await cli(['simulate', '--webhooks', 'big.json', '--send', '--json', '--ca', 'ca.pem']);
    expect(r.err).toBe('');
    const history = JSON.parse((await cli(['history', '--json'])).out) as HistoryPage;
    expect(history.total).toBe(1);
    const rec = await backend.api.history.get({ id: history.items[0]!.id });
    expectCut(rec.ok ? rec.value : undefined, 2 * MB);
  });
});
