/**
 * Secrets never land in the data folder or an export, even when the server echoes them back: in a response
 * header (`Authorization`), JSON-escaped in a body, URL-encoded, base64-encoded, or in an error message.
 * Against a real HTTPS receiver (mockttp), through the backend's API, grepping every file it wrote.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Backend } from '../../electron/services/backend';
import { webhookInput } from '../support/webhook-fixtures';
import { receiverSuite, backendTrusting } from '../support/receiver-suite';
import { BASIC_CLIENT, SCOPE, startOAuthServer, type OAuthServer } from '../servers/oauth-server';

const suite = receiverSuite();
const open: Backend[] = [];
afterEach(() => {
  for (const b of open.splice(0)) b.history.store.close();
});

/** A typed token with a quote and a backslash, which JSON escapes, and a typed API key with a `+` and a `/`. */
const TOKEN = 'tok"en\\quoted-9f3kQ';
const API_KEY = 'key+with/slash-7c1aZ';

/** Every file under `dir`, recursively, as text. */
async function filesUnder(dir: string): Promise<Array<{ path: string; text: string }>> {
  const out: Array<{ path: string; text: string }> = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out.push({ path, text: await readFile(path, 'utf8') });
  }
  return out;
}

/** The forms an echo puts a secret in. */
function leakForms(secret: string): string[] {
  return [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret), Buffer.from(secret).toString('base64').replace(/=+$/, '')];
}

async function sentBackend(): Promise<{ b: Backend; id: string; dataDir: string }> {
  const dataDir = join(suite.dir.path, 'data');
  const b = await backendTrusting(suite.rx, { dataDir, env: { SHARED_KEY: API_KEY } });
  open.push(b);
  // The server repeats every credential back, in each form a real echo endpoint or error page uses.
  await suite.rx.server.forPost('/echo').thenCallback((req) => {
    const auth = String(req.headers.authorization ?? '');
    const key = String(req.headers['x-api-key'] ?? '');
    return {
      statusCode: 401,
      headers: { 'Content-Type': 'application/json', Authorization: auth, 'X-Echo-Key': key, Location: `https://example.com/?k=${encodeURIComponent(key)}` },
      body: JSON.stringify({ auth, key, b64: Buffer.from(`user:${key}`).toString('base64'), inner: Buffer.from(auth).toString('base64') }),
    };
  });
  const saved = await b.api.webhooks.create({
    input: webhookInput({ name: 'Echo', url: suite.rx.url('/echo'), headers: [{ key: 'X-Api-Key', value: API_KEY, secret: true }], auth: { type: 'bearer', token: TOKEN } }),
  });
  if (!saved.ok) throw new Error(saved.error.message);
  const sent = await b.api.delivery.test({ webhookId: saved.value.webhook.id, trigger: 'RequestCreated', runId: 'r1' });
  if (!sent.ok) throw new Error(sent.error.message);
  return { b, id: sent.value.id, dataDir };
}

describe('secrets echoed by the server', () => {
  it('are in no file of the data folder and in no export (curl, HAR, bundle)', async () => {
    const { b, id, dataDir } = await sentBackend();
    const record = await b.api.history.get({ id });
    if (!record.ok) throw new Error(record.error.message);
    // The echo arrived: the header is there, masked.
    expect(record.value.response?.headers.find(([n]) => n === 'Authorization')?.[1]).toBe('Bearer ••••••••');
    const exports: string[] = [];
    for (const format of ['curl', 'har', 'bundle'] as const) {
      const out = await b.api.history.exportInvocation({ id, format });
      if (!out.ok) throw new Error(out.error.message);
      exports.push(out.value.text);
    }
    const files = await filesUnder(dataDir);
    expect(files.length).toBeGreaterThan(1);
    const texts = [...files.map((f) => f.text), ...exports, JSON.stringify(record.value)];
    for (const secret of [TOKEN, API_KEY]) {
      for (const form of leakForms(secret)) {
        const hits = texts.filter((t) => t.includes(form));
        expect(hits, `${JSON.stringify(form)} found`).toEqual([]);
      }
    }
    // The echoed base64 of `user:KEY` (an echoed Basic credential) holds no recoverable key either.
    const basic = Buffer.from(`user:${API_KEY}`).toString('base64');
    expect(texts.filter((t) => t.includes(basic.slice(8, -4)))).toEqual([]);
  });
});

describe('secrets echoed in an HTML error page and by other JSON encoders', () => {
  it('are in no file of the data folder, no export and not in show or history output', async () => {
    const dataDir = join(suite.dir.path, 'data');
    const token = `t&k<e>n"q'=${'9f3kQ'}é`;
    const key = 'k3y+w/sl&sh=%zz-7c1aZ';
    const b = await backendTrusting(suite.rx, { dataDir });
    open.push(b);
    // Express/lodash-style HTML escaping in the page, Go's JSON (\u0026 for &) in a header, Python's quote in a cookie.
    const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    const goJson = (s: string) => JSON.stringify(s).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
    await suite.rx.server.forPost('/html').thenCallback((req) => {
      const auth = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
      const k = String(req.headers['x-api-key'] ?? '');
      return {
        statusCode: 403,
        headers: { 'Content-Type': 'text/html', 'X-Go-Json': goJson(k), 'Set-Cookie': `t=${[...Buffer.from(auth)].map((x) => `%${x.toString(16)}`).join('')}` },
        body: `<html><body><p>Bad token ${html(auth)}</p><p>key &#x27;${html(k).replace(/=/g, '&#x3D;')}&#x27;</p></body></html>`,
      };
    });
    const saved = await b.api.webhooks.create({
      input: webhookInput({ name: 'Html', url: suite.rx.url('/html'), headers: [{ key: 'X-Api-Key', value: key, secret: true }], auth: { type: 'bearer', token } }),
    });
    if (!saved.ok) throw new Error(saved.error.message);
    const sent = await b.api.delivery.test({ webhookId: saved.value.webhook.id, trigger: 'RequestCreated', runId: 'h1' });
    if (!sent.ok) throw new Error(sent.error.message);
    expect(sent.value.response?.status).toBe(403);
    expect(sent.value.response?.body).toContain('Bad token');
    const texts = [JSON.stringify(sent.value), ...(await filesUnder(dataDir)).map((f) => f.text)];
    for (const format of ['curl', 'har', 'bundle'] as const) {
      const out = await b.api.history.exportInvocation({ id: sent.value.id, format });
      if (!out.ok) throw new Error(out.error.message);
      texts.push(out.value.text);
    }
    const list = await b.api.history.list({});
    texts.push(JSON.stringify(list));
    const echoes = [html(token), html(key), html(key).replace(/=/g, '&#x3D;'), goJson(key).slice(1, -1), [...Buffer.from(token)].map((x) => `%${x.toString(16)}`).join('')];
    for (const secret of [token, key]) for (const form of [...leakForms(secret), ...echoes]) expect(texts.filter((t) => t.includes(form)), `${form} found`).toEqual([]);
  });
});

describe('a secret that cannot go into a header as typed', () => {
  it('is masked in the form it was sent in (outer spaces trimmed, characters beyond Latin-1 dropped) when echoed', async () => {
    const dataDir = join(suite.dir.path, 'data');
    const b = await backendTrusting(suite.rx, { dataDir });
    open.push(b);
    // Pasted with spaces around it and an emoji in it: a header carries bytes up to 0xFF only (RFC 9110 §5.5).
    const token = '  tÖk-🙂-spa ce-9f3kQ ';
    const key = '\tk3y-✓-7c1aZ ';
    let seen = '';
    await suite.rx.server.forPost('/latin1').thenCallback((req) => {
      seen = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
      const k = String(req.headers['x-api-key'] ?? '');
      return { statusCode: 401, headers: { 'X-Seen': seen, 'X-Seen-Key': k }, json: { seen, k, b64: Buffer.from(seen, 'latin1').toString('base64') } };
    });
    const saved = await b.api.webhooks.create({
      input: webhookInput({ name: 'Latin1', url: suite.rx.url('/latin1'), headers: [{ key: 'X-Api-Key', value: key, secret: true }], auth: { type: 'bearer', token } }),
    });
    if (!saved.ok) throw new Error(saved.error.message);
    const sent = await b.api.delivery.test({ webhookId: saved.value.webhook.id, trigger: 'RequestCreated', runId: 'l1' });
    if (!sent.ok) throw new Error(sent.error.message);
    expect(seen.length).toBeGreaterThan(8);
    const texts = [JSON.stringify(sent.value), ...(await filesUnder(dataDir)).map((f) => f.text)];
    for (const format of ['curl', 'har', 'bundle'] as const) {
      const out = await b.api.history.exportInvocation({ id: sent.value.id, format });
      if (!out.ok) throw new Error(out.error.message);
      texts.push(out.value.text);
    }
    const asSent = [seen, 'k3y--7c1aZ', Buffer.from(seen, 'latin1').toString('base64').replace(/=+$/, '')];
    for (const form of [...leakForms(token.trim()), ...asSent]) expect(texts.filter((t) => t.includes(form)), `${form} found`).toEqual([]);
  });
});

describe('a client secret echoed by a failing token endpoint', () => {
  it('is in no file and no export, in the Basic credential it was sent in (form-encoded, then base64) or the error', async () => {
    const dataDir = join(suite.dir.path, 'data');
    const b = await backendTrusting(suite.rx, { dataDir });
    open.push(b);
    const clientSecret = 'cl"ient+sec/ret \\9f3kQ';
    let basic = '';
    await suite.rx.server.forPost('/token').thenCallback((req) => {
      basic = String(req.headers.authorization ?? '');
      const given = decodeURIComponent(Buffer.from(basic.replace(/^Basic /, ''), 'base64').toString().split(':')[1] ?? '');
      // RFC 6749 §5.2 error, with a description that repeats what it was given, and the header echoed.
      return { statusCode: 401, headers: { 'WWW-Authenticate': `Basic realm="t", got="${basic}"`, 'Content-Type': 'application/json' }, json: { error: 'invalid_client', error_description: `unknown secret ${given}` } };
    });
    const auth = { type: 'oauth2' as const, clientId: 'hooksmith-client', clientSecret, tokenUrl: suite.rx.url('/token'), scopes: [] };
    const saved = await b.api.webhooks.create({ input: webhookInput({ name: 'TokenErr', url: suite.rx.url('/never'), auth }) });
    if (!saved.ok) throw new Error(saved.error.message);
    const sent = await b.api.delivery.test({ webhookId: saved.value.webhook.id, trigger: 'RequestCreated', runId: 't1' });
    if (!sent.ok) throw new Error(sent.error.message);
    expect(basic).toMatch(/^Basic /);
    expect(sent.value.error?.message).toContain('invalid_client');
    const texts = [JSON.stringify(sent.value), ...(await filesUnder(dataDir)).map((f) => f.text)];
    // Nothing reached the webhook's URL, so there is no curl to copy; HAR and the bundle hold the token step.
    for (const format of ['har', 'bundle'] as const) {
      const out = await b.api.history.exportInvocation({ id: sent.value.id, format });
      if (!out.ok) throw new Error(out.error.message);
      texts.push(out.value.text);
    }
    const sentCredential = basic.replace(/^Basic /, '');
    for (const form of [...leakForms(clientSecret), sentCredential, sentCredential.slice(-16, -4)]) expect(texts.filter((t) => t.includes(form)), `${form} found`).toEqual([]);
  });
});

describe('every credential a token endpoint issues', () => {
  it('is masked in the token step and everywhere else: access, refresh and ID tokens', async () => {
    const dataDir = join(suite.dir.path, 'data');
    const b = await backendTrusting(suite.rx, { dataDir });
    open.push(b);
    const issued = { access_token: 'at-8f2k"Qz\\x91-access', refresh_token: 'rt-Lm3/9+pq-refresh', id_token: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.idsig-5kq' };
    // RFC 6749 §5.1 allows a refresh token in any token response; OpenID Connect adds id_token.
    await suite.rx.server.forPost('/token-issue').thenJson(200, { ...issued, token_type: 'Bearer', expires_in: 300 });
    await suite.rx.server.forPost('/api').thenCallback((req) => ({ statusCode: 200, json: { echoed: String(req.headers.authorization ?? '') } }));
    const auth = { type: 'oauth2' as const, clientId: 'c', clientSecret: 'client-secret-77q', tokenUrl: suite.rx.url('/token-issue'), scopes: [] };
    const saved = await b.api.webhooks.create({ input: webhookInput({ name: 'Issued', url: suite.rx.url('/api'), auth }) });
    if (!saved.ok) throw new Error(saved.error.message);
    const sent = await b.api.delivery.test({ webhookId: saved.value.webhook.id, trigger: 'RequestCreated', runId: 'i1' });
    if (!sent.ok) throw new Error(sent.error.message);
    expect(sent.value.response?.status).toBe(200);
    const texts = [JSON.stringify(sent.value), ...(await filesUnder(dataDir)).map((f) => f.text)];
    for (const format of ['curl', 'har', 'bundle'] as const) {
      const out = await b.api.history.exportInvocation({ id: sent.value.id, format });
      if (!out.ok) throw new Error(out.error.message);
      texts.push(out.value.text);
    }
    for (const secret of Object.values(issued)) for (const form of leakForms(secret)) expect(texts.filter((t) => t.includes(form)), `${form} found`).toEqual([]);
  });
});

describe('an OAuth2 access token echoed by the server', () => {
  let as: OAuthServer;
  beforeAll(async () => {
    as = await startOAuthServer(300);
  });
  afterAll(() => as.stop());

  it('is masked in the record and its exports, like the client secret', async () => {
    const dataDir = join(suite.dir.path, 'data');
    const b = await backendTrusting(suite.rx, { dataDir });
    open.push(b);
    let seenToken = '';
    await suite.rx.server.forPost('/oauth-echo').thenCallback((req) => {
      seenToken = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
      // A 500 whose page repeats the token, as some error pages do.
      return { statusCode: 500, headers: { 'X-Seen-Token': seenToken }, body: `<pre>token=${seenToken}</pre>` };
    });
    const auth = { type: 'oauth2' as const, clientId: BASIC_CLIENT.id, clientSecret: BASIC_CLIENT.secret, tokenUrl: as.tokenUrl, scopes: [SCOPE] };
    const saved = await b.api.webhooks.create({ input: webhookInput({ name: 'OAuthEcho', url: suite.rx.url('/oauth-echo'), auth }) });
    if (!saved.ok) throw new Error(saved.error.message);
    const sent = await b.api.delivery.test({ webhookId: saved.value.webhook.id, trigger: 'RequestCreated', runId: 'o1' });
    if (!sent.ok) throw new Error(sent.error.message);
    expect(seenToken.length).toBeGreaterThan(10);
    const texts = [JSON.stringify(sent.value), ...(await filesUnder(dataDir)).map((f) => f.text)];
    for (const format of ['curl', 'har', 'bundle'] as const) {
      const out = await b.api.history.exportInvocation({ id: sent.value.id, format });
      if (!out.ok) throw new Error(out.error.message);
      texts.push(out.value.text);
    }
    for (const secret of [seenToken, BASIC_CLIENT.secret]) {
      for (const form of leakForms(secret)) expect(texts.filter((t) => t.includes(form)), `${form} found`).toEqual([]);
    }
    expect(sent.value.response?.headers.find(([n]) => n.toLowerCase() === 'x-seen-token')?.[1]).toBe('••••••••');
  });
});
