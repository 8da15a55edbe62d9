/**
 * Ctrl+C during `hooksmith send`, `replay` and `simulate --send`, on the built binary against a real HTTPS
 * receiver that holds the request: the send is cancelled, the cancelled invocation is printed and recorded
 * in the history, and the exit code is 130.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryPage } from '../../shared/history/types';
import { startCli, type CliProcess } from '../support/built-cli';
import { cliIn } from '../support/cli-in';
import { heldEndpoint as holdOn } from '../support/held-endpoint';
import { receiverSuite } from '../support/receiver-suite';
import { webhookInput } from '../support/webhook-fixtures';

const suite = receiverSuite({ caFile: true });
/** Let every held request go, so the receiver can be reset. */
let releaseAll: Array<() => void> = [];
afterEach(() => {
  releaseAll.forEach((r) => r());
  releaseAll = [];
});

/** {@link holdOn} on this suite's receiver, released after the test. */
async function heldEndpoint(path: string) {
  const held = await holdOn(suite.rx.server, path);
  releaseAll.push(held.release);
  return held;
}

async function definition(file: string, overrides: Parameters<typeof webhookInput>[0]): Promise<string> {
  await writeFile(join(suite.dir.path, file), JSON.stringify({ schemaVersion: 1, ...webhookInput(overrides) }));
  return file;
}

/**
 * The built CLI with this test's folder as its working folder and `<dir>/home` as its data folder, trusting
 * the receiver's CA through the environment (replay has no --ca: it uses the app's network settings).
 */
const start = (args: string[]) => startCli(['--home', join(suite.dir.path, 'home'), ...args], { cwd: suite.dir.path, env: { NODE_EXTRA_CA_CERTS: join(suite.dir.path, 'ca.pem') } });

/** Waits until the receiver holds the request; fails with the CLI's output if it ended before sending. */
async function untilReached(reached: Promise<void>, cli: CliProcess): Promise<void> {
  const ended = cli.done.then((r) => {
    throw new Error(`The CLI ended before its request reached the receiver (exit ${r.code}):\n${r.out}${r.err}`);
  });
  await Promise.race([reached, ended]);
}

async function history(): Promise<HistoryPage> {
  const r = await cliIn(suite.dir.path, ['history', '--json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as HistoryPage;
}

describe('Ctrl+C on the built CLI', () => {
  it('cancels a send in flight: prints "Cancelled after …", records the cancelled invocation, exits 130', async () => {
    const { reached } = await heldEndpoint('/slow');
    const file = await definition('slow.json', { name: 'Slow', url: suite.rx.url('/slow') });
    const cli = start(['send', file]);
    await untilReached(reached, cli); // the request is at the server
    cli.child.kill('SIGINT');
    const r = await cli.done;
    expect(r.err).toBe('Cancelling… (press Ctrl+C again to quit at once)\n');
    expect(r.out).toMatch(/^Cancelled after [\d.]+ m?s: Slow · RequestCreated\n/);
    expect(r.out).toContain('Error (cancelled): The delivery was cancelled.');
    expect([r.code, r.signal]).toEqual([130, null]);
    const page = await history();
    expect(page.items).toEqual([expect.objectContaining({ webhookName: 'Slow', outcome: 'Failure', errorClass: 'cancelled' })]);
  });

  it('cancels a replay in flight: the new invocation is recorded as a cancelled replay of the original, exit 130', async () => {
    await suite.rx.server.forPost('/again').once().thenReply(200, '{}');
    const { reached } = await heldEndpoint('/again');
    const file = await definition('again.json', { name: 'Again', url: suite.rx.url('/again') });
    const first = await cliIn(suite.dir.path, ['send', file, '--ca', 'ca.pem', '--json']);
    expect(first.code).toBe(0);
    const originalId = (JSON.parse(first.out) as { id: string }).id;

    const cli = start(['replay', originalId]);
    await untilReached(reached, cli);
    cli.child.kill('SIGINT');
    const r = await cli.done;
    expect(r.code).toBe(130);
    expect(r.out).toContain('Error (cancelled): The delivery was cancelled.');
    const page = await history();
    expect(page.items[0]).toMatchObject({ replayOf: originalId, errorClass: 'cancelled' });
    expect(r.err).toContain(`Cancelled after `);
    expect(r.err).toContain(`recorded as invocation ${page.items[0]!.id}.`);
  });

  it('cancels simulate --send: the send in flight is recorded as cancelled, the rest are not sent, exit 130', async () => {
    const { endpoint, reached } = await heldEndpoint('/sim');
    const file = await definition('sim.json', { name: 'Sim', url: suite.rx.url('/sim'), triggers: ['RequestCreated', 'RequestApproved'] });
    const cli = start(['simulate', '--webhooks', file, '--send']);
    await untilReached(reached, cli);
    cli.child.kill('SIGINT');
    const r = await cli.done;
    expect(r.code).toBe(130);
    expect(r.err).toContain('Cancelled: the send in flight was stopped and recorded; 1 more that fired was not sent.');
    expect(r.out).toMatch(/RequestCreated\s+fires → Failure \(no response\)/);
    expect((await history()).items).toEqual([expect.objectContaining({ webhookName: 'Sim', trigger: 'RequestCreated', errorClass: 'cancelled' })]);
    expect(await endpoint.getSeenRequests()).toHaveLength(1);
  });

  it('a second Ctrl+C quits at once with 130', async () => {
    const { reached } = await heldEndpoint('/twice');
    const file = await definition('twice.json', { name: 'Twice', url: suite.rx.url('/twice') });
    const cli = start(['send', file]);
    await untilReached(reached, cli);
    cli.child.kill('SIGINT');
    cli.child.kill('SIGINT');
    const r = await cli.done;
    expect([r.code, r.signal]).toEqual([130, null]);
  });
});
