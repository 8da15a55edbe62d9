/** `hooksmith send FILE` then `hooksmith replay ID`: secrets the file reads from the environment come back from it. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InvocationRecord } from '../../shared/delivery/invocation';
import { cliIn } from '../support/cli-in';
import { receiverSuite } from '../support/receiver-suite';
import { webhookInput } from '../support/webhook-fixtures';

const suite = receiverSuite({ caFile: true });
const cli = (args: string[], env: Record<string, string> = {}) => cliIn(suite.dir.path, args, env);

/** A definition file trusting the receiver's CA itself, so a replay (which takes no --ca) reaches it too. */
async function definitionFile(name: string, overrides: Parameters<typeof webhookInput>[0]) {
  const input = webhookInput({ network: { extraCaPem: suite.rx.caPem }, ...overrides });
  await writeFile(join(suite.dir.path, name), JSON.stringify({ schemaVersion: 1, ...input }));
  return name;
}

async function sendFile(file: string, env: Record<string, string>): Promise<InvocationRecord> {
  const sent = await cli(['send', file, '--json'], env);
  expect(sent.err).toBe('');
  expect(sent.code).toBe(0);
  return JSON.parse(sent.out) as InvocationRecord;
}

describe('replaying an invocation sent from a definition file', () => {
  it('resolves the ${env:NAME} secrets the record keeps from the environment and re-sends exactly', async () => {
    const ep = await suite.rx.server.forPost('/replay-env').thenJson(200, { status: 'ok' });
    const file = await definitionFile('env-hook.json', {
      name: 'EnvFile',
      url: suite.rx.url('/replay-env'),
      headers: [{ key: 'X-Api-Key', value: '${env:FILE_KEY}', secret: true }],
      auth: { type: 'bearer', token: '${env:FILE_TOKEN}' },
    });
    const env = { FILE_KEY: 'file-key-5566', FILE_TOKEN: 'file-token-7788' };
    const record = await sendFile(file, env);
    expect(record.webhookId).toBe('');

    const replay = await cli(['replay', record.id, '--json'], env);
    expect(replay.err).toBe('');
    expect(replay.code).toBe(0);
    const replayed = JSON.parse(replay.out) as InvocationRecord;
    expect(replayed).toMatchObject({ replayOf: record.id, outcome: 'Success' });
    expect(replay.out).not.toContain('file-key-5566');
    expect(replay.out).not.toContain('file-token-7788');

    const [original, again] = await ep.getSeenRequests();
    expect(again!.headers['x-api-key']).toBe('file-key-5566');
    expect(again!.headers.authorization).toBe('Bearer file-token-7788');
    expect(again!.body.buffer.equals(original!.body.buffer)).toBe(true);

    // A curl export with secrets revealed reads the same variables.
    const curl = await cli(['export', record.id, '--format', 'curl', '--reveal-secrets'], env);
    expect(curl.code).toBe(0);
    expect(curl.out).toContain("'X-Api-Key: file-key-5566'");
  });

  it('refuses, naming the variable, when one the record reads is unset; nothing is sent', async () => {
    const ep = await suite.rx.server.forPost('/replay-unset').thenJson(200, { status: 'ok' });
    const file = await definitionFile('unset-hook.json', {
      name: 'UnsetFile',
      url: suite.rx.url('/replay-unset'),
      headers: [{ key: 'X-Api-Key', value: '${env:FILE_KEY}', secret: true }],
      auth: { type: 'bearer', token: '${env:FILE_TOKEN}' },
    });
    const record = await sendFile(file, { FILE_KEY: 'k-1234', FILE_TOKEN: 't-1234' });

    const replay = await cli(['replay', record.id], { FILE_KEY: 'k-1234' });
    expect(replay.code).toBe(1);
    expect(replay.err).toMatch(/FILE_TOKEN is not set: "UnsetFile" was sent from a definition file whose token reads the environment variable FILE_TOKEN; set it and try again\./);
    expect(replay.err).not.toMatch(/FILE_KEY is not set/);
    expect(replay.err).not.toMatch(/no saved webhook/);
    expect(await ep.getSeenRequests()).toHaveLength(1);
  });

  it('still says there is no saved webhook when the file typed a secret in clear (the record holds only its mask)', async () => {
    await suite.rx.server.forPost('/replay-typed').thenJson(200, { status: 'ok' });
    const file = await definitionFile('typed-hook.json', {
      name: 'TypedFile',
      url: suite.rx.url('/replay-typed'),
      headers: [{ key: 'X-Api-Key', value: 'typed-key-1', secret: true }],
    });
    const record = await sendFile(file, {});
    const replay = await cli(['replay', record.id]);
    expect(replay.code).toBe(1);
    expect(replay.err).toMatch(/"TypedFile" was sent from a definition file, not from a saved webhook, so there is no saved webhook to take the secret of X-Api-Key from/);
  });
});
