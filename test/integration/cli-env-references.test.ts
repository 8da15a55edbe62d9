/**
 * `${env:NAME}` inside values and Basic auth, end to end: `hooksmith send` to a real HTTPS receiver, the
 * history it writes, `replay` and `export --format curl`, over real files.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InvocationRecord } from '../../shared/delivery/invocation';
import { cliIn } from '../support/cli-in';
import { backendTrusting, receiverSuite } from '../support/receiver-suite';
import { webhookInput } from '../support/webhook-fixtures';

const suite = receiverSuite({ caFile: true });
const cli = (args: string[], env: Record<string, string> = {}) => cliIn(suite.dir.path, args, env);

async function definitionFile(name: string, overrides: Parameters<typeof webhookInput>[0]) {
  await writeFile(join(suite.dir.path, name), JSON.stringify({ schemaVersion: 1, ...webhookInput(overrides) }));
  return name;
}

/** Every file under the data folder, read as text. */
async function dataFolderText(): Promise<string> {
  const home = join(suite.dir.path, 'home');
  const files = (await readdir(home, { recursive: true, withFileTypes: true })).filter((d) => d.isFile());
  const texts = await Promise.all(files.map((d) => readFile(join(d.parentPath, d.name), 'utf8')));
  return texts.join('\n');
}

const HEC = 'hec-token-5f0c1e2d';
const LOGZ = 'logz-token-9a8b7c6d';

describe('${env:NAME} inside a value', () => {
  it('reads references inside a header value and the URL query, masks what it read, and exports curl with the same variables', async () => {
    const ep = await suite.rx.server.forPost('/hec').thenJson(200, { text: 'Success', code: 0 });
    const file = await definitionFile('splunk.json', {
      name: 'Splunk',
      url: `${suite.rx.url('/hec')}?token=\${env:LOGZIO_TOKEN}`,
      headers: [{ key: 'Authorization', value: 'Splunk ${env:HEC_TOKEN}' }],
    });
    const env = { HEC_TOKEN: HEC, LOGZIO_TOKEN: LOGZ };
    // Saved (a replay takes today's values from the saved webhook); references are not secrets, so no key is needed.
    expect((await cli(['webhooks', 'import', file])).code).toBe(0);
    const r = await cli(['send', 'Splunk', '--ca', 'ca.pem', '--json'], env);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const [seen] = await ep.getSeenRequests();
    expect(seen?.headers.authorization).toBe(`Splunk ${HEC}`);
    expect(new URL(seen!.url).searchParams.get('token')).toBe(LOGZ);

    const record = JSON.parse(r.out) as InvocationRecord;
    expect(r.out).not.toContain(HEC);
    expect(r.out).not.toContain(LOGZ);
    expect(record.request?.url).toContain('token=••••••••');
    expect(record.webhook.url).toContain('token=${env:LOGZIO_TOKEN}');
    expect(record.webhook.headers[0]?.value).toBe('Splunk ${env:HEC_TOKEN}');

    const curl = await cli(['export', record.id, '--format', 'curl'], env);
    expect(curl.code).toBe(0);
    expect(curl.out).toContain(`'Authorization: Splunk '"$HEC_TOKEN"`);
    expect(curl.out).toMatch(/--url '[^']*\?token='"\$LOGZIO_TOKEN"/);
    expect(curl.out).not.toContain(HEC);

    // Exact replay fills the URL and the header from today's environment, and records them masked again.
    // (Through the backend: the CLI's replay has no --ca to trust the test receiver.)
    const backend = await backendTrusting(suite.rx, { dataDir: join(suite.dir.path, 'home'), env });
    try {
      const replay = await backend.api.history.replay({ id: record.id, mode: 'exact' });
      if (!replay.ok) throw new Error(replay.error.message);
      expect(replay.value.outcome).toBe('Success');
      expect(JSON.stringify(replay.value)).not.toContain(LOGZ);
    } finally {
      backend.history.store.close();
    }
    const [, again] = await ep.getSeenRequests();
    expect(again?.headers.authorization).toBe(`Splunk ${HEC}`);
    expect(new URL(again!.url).searchParams.get('token')).toBe(LOGZ);

    const stored = await dataFolderText();
    expect(stored).not.toContain(HEC);
    expect(stored).not.toContain(LOGZ);
  });

  it('refuses before sending when a variable in the URL is unset, naming the variable and the field', async () => {
    const ep = await suite.rx.server.forAnyRequest().thenReply(200);
    const file = await definitionFile('logz.json', { url: `${suite.rx.url('/x')}?token=\${env:LOGZIO_TOKEN}`, headers: [{ key: 'X-Team', value: 'ops-${env:TEAM}' }] });
    const r = await cli(['send', file, '--ca', 'ca.pem'], { TEAM: 'blue' });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/url: The URL reads the environment variable LOGZIO_TOKEN, which is not set/);
    expect(r.err).not.toMatch(/TEAM/);
    expect(await ep.getSeenRequests()).toHaveLength(0);
  });
});

describe('Basic auth', () => {
  const PASSWORD = 'jira-api-token-7e6d5c';
  const expected = `Basic ${Buffer.from(`me@example.com:${PASSWORD}`).toString('base64')}`;

  it('sends Authorization: Basic base64(user:password) from an env password, masks it, and exports curl --user', async () => {
    const ep = await suite.rx.server.forPost('/jira').thenJson(201, { id: '10000' });
    const file = await definitionFile('jira.json', { name: 'Jira', url: suite.rx.url('/jira'), auth: { type: 'basic', username: 'me@example.com', password: '${env:JIRA_TOKEN}' } });
    const r = await cli(['send', file, '--ca', 'ca.pem', '--json'], { JIRA_TOKEN: PASSWORD });
    expect(r.code).toBe(0);
    const [seen] = await ep.getSeenRequests();
    expect(seen?.headers.authorization).toBe(expected);
    const record = JSON.parse(r.out) as InvocationRecord;
    expect(r.out).not.toContain(PASSWORD);
    expect(r.out).not.toContain(expected.slice(6));
    const curl = await cli(['export', record.id, '--format', 'curl']);
    expect(curl.out).toContain('--user me@example.com:"$JIRA_TOKEN"');
    expect(curl.out).not.toMatch(/--header 'Authorization/);
  });

  it('seals a typed password in the secret store, never in clear in the data folder, and a definition export writes a placeholder', async () => {
    const ep = await suite.rx.server.forPost('/fd').thenJson(201, { id: 1 });
    const file = await definitionFile('fd.json', { name: 'Freshdesk', url: suite.rx.url('/fd'), auth: { type: 'basic', username: 'apikey123', password: PASSWORD } });
    const key = { HOOKSMITH_SECRET_KEY: 'k'.repeat(64) };
    const imported = await cli(['webhooks', 'import', file], key);
    expect(imported.code).toBe(0);
    expect(await dataFolderText()).not.toContain(PASSWORD);
    const sent = await cli(['send', 'Freshdesk', '--ca', 'ca.pem'], key);
    expect(sent.code).toBe(0);
    const [seen] = await ep.getSeenRequests();
    expect(seen?.headers.authorization).toBe(`Basic ${Buffer.from(`apikey123:${PASSWORD}`).toString('base64')}`);
    const exported = await cli(['webhooks', 'export', 'Freshdesk'], key);
    expect(JSON.parse(exported.out).webhooks[0].auth).toEqual({ type: 'basic', username: 'apikey123', password: '${env:HOOKSMITH_FRESHDESK_PASSWORD}' });
    expect(await dataFolderText()).not.toContain(PASSWORD);
  });
});
