/** `hooksmith history | show | replay | export | import`, in-process over real files and a real receiver. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run-cli';
import { InvocationStore } from '../../electron/services/history/invocation-store';
import { destroyAgents } from '../../electron/services/delivery/agents';
import { startReceiver, type Receiver } from '../servers/receiver';
import { makeFailure, makeRecord } from '../support/invocation-fixtures';
import { captureIo } from '../support/memory-io';
import { tempDir } from '../support/temp-dir';

let dir: { path: string; cleanup: () => Promise<void> };
let rx: Receiver;
const home = () => join(dir.path, 'home');
async function cli(args: string[], stdin = '', env: Record<string, string> = {}) {
  const io = captureIo(dir.path, env, stdin);
  const code = await runCli(['--home', home(), ...args], io);
  return { code, out: io.out, err: io.err };
}

beforeAll(async () => {
  [dir, rx] = await Promise.all([tempDir('hooksmith-cli-history-'), startReceiver()]);
  // Seed: a webhook (created through the CLI's own import) and history written by the store, as the app would.
  await cli(['webhooks', 'import', '-'], JSON.stringify({ schemaVersion: 1, name: 'Okta', method: 'POST', url: 'https://hooks.example.com/okta', bodyTemplate: '{}', triggers: ['RequestCreated'] }));
  const list = await cli(['webhooks', 'list', '--json']);
  const okta = JSON.parse(list.out)[0];
  const store = InvocationStore.open(join(home(), 'history'));
  const now = Date.now();
  store.append(makeRecord({ id: 'old-ok', webhookId: okta.id, webhookName: 'Okta', startedAt: new Date(now - 3 * 86_400_000).toISOString() }));
  store.append(makeFailure({ id: 'recent-fail', webhookId: okta.id, webhookName: 'Okta', startedAt: new Date(now - 60_000).toISOString() }));
  store.append(makeRecord({ id: 'other-ok', webhookId: 'wh-x', webhookName: 'Other', startedAt: new Date(now - 30_000).toISOString() }));
  const apono = { event_type: 'RequestApproved', data: { id: 'f3b1c2d4-uuid', friendly_id: 'KQ7X2B', requester: { name: 'Grace', email: 'Grace@Example.com' } } };
  store.append(makeRecord({ id: 'grace-req', webhookId: 'wh-y', webhookName: 'Approvals', startedAt: new Date(now - 20_000).toISOString(), event: apono }));
  store.close();
});
afterAll(async () => {
  destroyAgents();
  await rx.stop();
  await dir.cleanup();
});

describe('hooksmith history', () => {
  it('lists newest first and filters by webhook, status and since', async () => {
    const all = await cli(['history']);
    expect(all.code).toBe(0);
    expect(all.out.split('\n')[0]).toMatch(/^TIME \(UTC\)\s+WEBHOOK\s+TRIGGER\s+RESULT\s+STATUS\s+DURATION\s+ERROR\s+ID$/);
    expect(all.out.indexOf('other-ok')).toBeLessThan(all.out.indexOf('recent-fail'));
    const fails = await cli(['history', '--webhook', 'okta', '--status', 'failure', '--json']);
    expect(JSON.parse(fails.out).items.map((i: { id: string }) => i.id)).toEqual(['recent-fail']);
    const recent = await cli(['history', '--since', '1h', '--json']);
    expect(JSON.parse(recent.out).total).toBe(3);
    expect((await cli(['history', '--since', 'soon'])).code).toBe(2);
    expect((await cli(['history', '--webhook', 'Nope'])).err).toMatch(/no webhook named "Nope"/);
  });

  it('finds an Apono request by its friendly_id or id, or by the requester email, and searches text; empty values are refused', async () => {
    const ids = async (...args: string[]) => {
      const r = await cli(['history', ...args, '--json']);
      expect(r.err).toBe('');
      return (JSON.parse(r.out) as { items: { id: string }[] }).items.map((i) => i.id);
    };
    expect(await ids('--request', 'kq7x2b')).toEqual(['grace-req']);
    expect(await ids('--request', 'f3b1c2d4-uuid')).toEqual(['grace-req']);
    expect(await ids('--request', 'grace@example.com')).toEqual(['grace-req']);
    expect(await ids('--request', 'REQ-404')).toEqual([]);
    expect(await ids('--search', 'hooks.example.com', '--webhook', 'Okta')).toEqual(['recent-fail', 'old-ok']);
    const words = await cli(['history', '--request', 'KQ7X2B']);
    expect(words.out).toMatch(/grace-req/);
    for (const flag of ['--request', '--search']) {
      const empty = await cli(['history', flag, ' ']);
      expect(empty.code).toBe(2);
      expect(empty.err).toMatch(new RegExp(`^${flag} needs `));
    }
  });

  it('shows one invocation, in words or as JSON, and says when it is unknown', async () => {
    const shown = await cli(['show', 'recent-fail']);
    expect(shown.out).toMatch(/^Failure\s+Okta/);
    expect(shown.out).toMatch(/Error \(http-status\): The server answered 500/);
    expect(JSON.parse((await cli(['show', 'recent-fail', '--json'])).out).id).toBe('recent-fail');
    const missing = await cli(['show', 'nope']);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/No invocation with id nope/);
  });

  it('exports curl (with the variables to set), HAR and a bundle', async () => {
    const curl = await cli(['export', 'old-ok', '--format', 'curl']);
    expect(curl.out).toMatch(/^curl --http1\.1 --request POST/);
    expect(curl.err).toMatch(/Set these before running it: HOOKSMITH_OKTA_X_API_KEY/);
    expect(JSON.parse((await cli(['export', 'old-ok', '--format', 'har'])).out).log.version).toBe('1.2');
    expect((await cli(['export', 'old-ok', '--format', 'zip'])).code).toBe(2);
  });

  it('imports a curl command as a new webhook and a bundle as a webhook plus an invocation, then replays it', async () => {
    const ep = await rx.server.forPost('/from-bundle').thenReply(200, '{"ok":true}');
    const curlFile = join(dir.path, 'cmd.sh');
    await writeFile(curlFile, `curl -X POST 'https://api.example.com/hooks' -H 'X-Token: '"$MY_TOKEN" --data-binary '{"a":1}'`);
    const imported = await cli(['import', 'cmd.sh']);
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(/Created webhook ApiCurl/);

    // A bundle whose webhook points at the receiver and trusts its test CA (its own network layer, which a
    // replay uses), replayed through the CLI over real HTTPS.
    const bundle = JSON.parse((await cli(['export', 'old-ok', '--format', 'bundle'])).out);
    bundle.webhook.headers = [];
    bundle.webhook.url = rx.url('/from-bundle');
    bundle.webhook.network = { extraCaPem: rx.caPem };
    bundle.request.url = rx.url('/from-bundle');
    bundle.request.headers = bundle.request.headers.filter(([n]: [string]) => !['x-api-key', 'host'].includes(n.toLowerCase()));
    await writeFile(join(dir.path, 'b.json'), JSON.stringify(bundle));
    const imp = await cli(['import', 'b.json']);
    expect(imp.code).toBe(0);
    const id = /Added invocation ([^;\s]+)/.exec(imp.out)![1]!;
    expect((await cli(['show', id])).out).toMatch(/^Imported from invocation old-ok of \d{4}-\d\d-\d\dT/m);
    const replay = await cli(['replay', id, '--json']);
    expect(replay.code).toBe(0);
    const replayed = JSON.parse(replay.out);
    expect(replayed).toMatchObject({ replayOf: id, outcome: 'Success', response: { status: 200, body: '{"ok":true}' } });
    // The recorded request went out again: same method, path and body, and the history keeps the replay.
    const [seen] = await ep.getSeenRequests();
    expect(seen?.method).toBe('POST');
    expect(await seen?.body.getText()).toBe(bundle.request.body);
    expect((await cli(['show', replayed.id])).out).toMatch(/^Success\s/);
  });

  it('--webhook takes the names history lists: a definition-file send and a webhook no longer saved; an unknown name gets close ones', async () => {
    await rx.server.forPost('/s401').thenReply(200, 'ok');
    await writeFile(join(dir.path, 'ca.pem'), rx.caPem);
    await writeFile(join(dir.path, 's401.json'), JSON.stringify({ schemaVersion: 1, name: 'S401', method: 'POST', url: rx.url('/s401'), bodyTemplate: '{}', triggers: ['RequestCreated'] }));
    expect((await cli(['send', 's401.json', '--ca', 'ca.pem'])).code).toBe(0);
    expect((await cli(['history'])).out).toMatch(/\sS401\s+RequestCreated\s+ok/);

    const sent = await cli(['history', '--webhook', 's401', '--json']);
    expect(sent.code).toBe(0);
    expect(JSON.parse(sent.out).items).toEqual([expect.objectContaining({ webhookId: '', webhookName: 'S401', outcome: 'Success' })]);
    const other = await cli(['history', '--webhook', 'Other', '--json']);
    expect(JSON.parse(other.out).items.map((i: { id: string }) => i.id)).toEqual(['other-ok']);

    const typo = await cli(['history', '--webhook', 'S410']);
    expect(typo.code).toBe(1);
    expect(typo.err).toMatch(/no webhook named "S410" is saved or in the history\. Did you mean "S401"\?/);
  });

  it('export --reveal-secrets of a definition-file send reads the ${env:NAME} the record keeps, refusing by name when it is unset', async () => {
    await rx.server.forPost('/s402').thenReply(200, 'ok');
    await writeFile(join(dir.path, 'ca.pem'), rx.caPem);
    const headers = [{ key: 'X-Key', value: '${env:S402_KEY}', secret: true }];
    await writeFile(join(dir.path, 's402.json'), JSON.stringify({ schemaVersion: 1, name: 'S402', method: 'POST', url: rx.url('/s402'), headers, bodyTemplate: '{}', triggers: ['RequestCreated'] }));
    const sent = await cli(['send', 's402.json', '--ca', 'ca.pem', '--json'], '', { S402_KEY: 'k-402' });
    expect(sent.code).toBe(0);
    const id = JSON.parse(sent.out).id as string;
    const r = await cli(['export', id, '--format', 'curl', '--reveal-secrets']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('S402_KEY is not set: "S402" was sent from a definition file whose X-Key header reads the environment variable S402_KEY; set it and try again.');
    const ok = await cli(['export', id, '--format', 'curl', '--reveal-secrets'], '', { S402_KEY: 'k-402' });
    expect(ok.code).toBe(0);
    expect(ok.out).toContain("'X-Key: k-402'");
  });
});
