/**
 * Importing curl commands and repro bundles through the history service, against a real HTTPS receiver
 * (mockttp): what lands in the data file, what the imported webhook sends, and what a replay may send where.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Backend } from '../../electron/services/backend';
import { DATA_FILE_NAME } from '../../electron/services/storage/data-file';
import { receiverSuite, backendTrusting } from '../support/receiver-suite';

const suite = receiverSuite();
const open: Backend[] = [];
afterEach(() => {
  for (const b of open.splice(0)) b.history.store.close();
});

async function backend(env: Record<string, string> = {}, sub = 'data'): Promise<Backend> {
  const b = await backendTrusting(suite.rx, { dataDir: join(suite.dir.path, sub), env });
  open.push(b);
  return b;
}

/** Imports `text`, failing the test with the service's message when it is refused. */
async function imported(b: Backend, text: string) {
  const r = await b.api.history.importBundle({ text });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('curl import', () => {
  it('keeps credential headers as secrets: out of the data file and exports, still sent, and says so', async () => {
    const ep = await suite.rx.server.forPost('/creds').thenReply(200, '{}');
    const b = await backend();
    const secrets: Record<string, string> = {
      'X-Api-Key': 'abc-api-key-1',
      Cookie: 'session=cookie-value-2',
      'X-Auth-Token': 'auth-token-3',
      'api-key': 'plain-api-key-4',
      'X-Refresh-Token': 'refresh-5',
      'X-Client-Secret': 'client-secret-6',
      'X-Admin-Password': 'password-7',
      'X-Hub-Signature': 'sha256=signature-8',
    };
    const headerArgs = Object.entries(secrets).map(([k, v]) => `-H '${k}: ${v}'`).join(' ');
    const out = await imported(b, `curl ${suite.rx.url('/creds')} -u 'ada:pass-word-9' ${headerArgs} -H 'X-Plain: visible' --data-raw '{}'`);

    const basic = `Basic ${Buffer.from('ada:pass-word-9').toString('base64')}`;
    const file = await readFile(join(suite.dir.path, 'data', DATA_FILE_NAME), 'utf8');
    for (const v of [...Object.values(secrets), basic]) expect(file).not.toContain(v);
    expect(file).toContain('visible');
    const exported = await b.api.webhooks.exportDefinitions({ ids: [out.webhook.id] });
    if (!exported.ok) throw new Error(exported.error.message);
    for (const v of [...Object.values(secrets), basic]) expect(exported.value.text).not.toContain(v);

    const secretKeys = out.webhook.headers.filter((h) => h.secret).map((h) => h.key);
    expect(secretKeys.sort()).toEqual(['Authorization', ...Object.keys(secrets)].sort());
    expect(out.webhook.headers.find((h) => h.key === 'X-Plain')).toEqual({ key: 'X-Plain', value: 'visible' });
    expect(out.warnings).toContainEqual(expect.stringMatching(/^Made secret: Authorization, X-Api-Key, Cookie, X-Auth-Token, api-key, X-Refresh-Token, X-Client-Secret, X-Admin-Password, X-Hub-Signature;/));

    // Stored through the secrets module, and sent as they were written.
    const sent = await b.api.delivery.test({ webhookId: out.webhook.id, trigger: 'Manual', runId: 'creds' });
    if (!sent.ok) throw new Error(sent.error.message);
    const [seen] = await ep.getSeenRequests();
    expect(seen!.headers.authorization).toBe(basic);
    for (const [k, v] of Object.entries(secrets)) expect(seen!.headers[k.toLowerCase()]).toBe(v);
  });

  it('keeps "Authorization: Token …" secret and "Authorization: Bearer …" as bearer authentication', async () => {
    const b = await backend();
    const token = await imported(b, `curl -X POST https://hooks.example.com/t -H 'Authorization: Token tok-123456'`);
    expect(token.webhook.headers).toEqual([{ key: 'Authorization', value: expect.not.stringContaining('tok-123456'), secret: true }]);
    const bearer = await imported(b, `curl -X POST https://hooks.example.com/b -H 'Authorization: Bearer tok-abcdef'`);
    expect(bearer.webhook.headers).toEqual([]);
    expect(bearer.webhook.auth.type).toBe('bearer');
    expect(bearer.warnings.join('\n')).not.toMatch(/Made secret/);
    const file = await readFile(join(suite.dir.path, 'data', DATA_FILE_NAME), 'utf8');
    expect(file).not.toContain('tok-123456');
    expect(file).not.toContain('tok-abcdef');
  });

  it('refuses a header mixing text and an environment variable (it would go out as literal ${env:…}), naming the fix', async () => {
    const b = await backend();
    const r = await b.api.history.importBundle({ text: `curl -X POST https://hooks.example.com/x -H "Authorization: Basic $B64"` });
    expect(r).toMatchObject({ ok: false, error: { field: 'headers.0.value', message: expect.stringContaining('export AUTHORIZATION="Basic $B64" and -H "Authorization: $AUTHORIZATION"') } });
    const listed = await b.api.webhooks.list();
    expect(listed.ok && listed.value).toEqual([]);
  });

  it('the header form the -u refusal suggests is kept as a secret environment reference and sent with its value', async () => {
    const ep = await suite.rx.server.forPost('/env-auth').thenReply(200, '{}');
    const basic = `Basic ${Buffer.from('ada:s3cret').toString('base64')}`;
    const b = await backend({ AUTH: basic });
    const refused = await b.api.history.importBundle({ text: `curl -u "$USER:$PASS" ${suite.rx.url('/env-auth')} -d '{}'` });
    expect(refused).toMatchObject({ ok: false, error: { field: 'text', message: expect.stringContaining('-H "Authorization: $AUTH"') } });
    const out = await imported(b, `curl ${suite.rx.url('/env-auth')} -H "Authorization: $AUTH" -d '{}'`);
    expect(out.webhook.headers).toEqual([{ key: 'Authorization', value: '${env:AUTH}', secret: true }]);
    const sent = await b.api.delivery.test({ webhookId: out.webhook.id, trigger: 'Manual', runId: 'env-auth' });
    if (!sent.ok) throw new Error(sent.error.message);
    const [seen] = await ep.getSeenRequests();
    expect(seen!.headers.authorization).toBe(basic);
  });
});
