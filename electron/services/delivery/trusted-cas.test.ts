/**
 * Default trust with extra CAs: NODE_EXTRA_CA_CERTS must keep working when a webhook adds its own CA, because
 * passing `ca` replaces Node's defaults. Two servers with two private CAs prove it for real.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CertFactory, httpsServer } from '../../../test/servers/certs';
import { tempDir } from '../../../test/support/temp-dir';
import { destroyAgents } from './agents';
import { send } from './dispatcher';
import { defaultTrustedCas, extraCasFromEnv } from './trusted-cas';

let envCa: CertFactory;
let webhookCa: CertFactory;
let dir: { path: string; cleanup: () => Promise<void> };
let trustedByEnv: Awaited<ReturnType<typeof httpsServer>>;
let trustedByWebhook: Awaited<ReturnType<typeof httpsServer>>;

beforeAll(async () => {
  dir = await tempDir();
  [envCa, webhookCa] = await Promise.all([CertFactory.create(), CertFactory.create()]);
  trustedByEnv = await httpsServer(await envCa.leaf(['localhost']));
  trustedByWebhook = await httpsServer(await webhookCa.leaf(['localhost']));
  const file = join(dir.path, 'extra.pem');
  await writeFile(file, `${envCa.ca.cert}\nnot a certificate\n`);
  // Read by defaultTrustedCas on its first use in this test file (each file runs in its own worker).
  process.env.NODE_EXTRA_CA_CERTS = file;
});
afterAll(async () => {
  destroyAgents();
  await Promise.all([trustedByEnv?.close(), trustedByWebhook?.close()]);
  await Promise.all([envCa?.dispose(), webhookCa?.dispose(), dir?.cleanup()]);
});

const get = (url: string, extraCaPem: string[]) => send({ method: 'GET', url, headers: [], body: null }, { tls: { extraCaPem }, proxy: { mode: 'none' } });

describe('default trust', () => {
  it('reads the certificates of the NODE_EXTRA_CA_CERTS file and nothing else from it', async () => {
    const file = join(dir.path, 'two.pem');
    await writeFile(file, `${envCa.ca.cert}\njunk\n${webhookCa.ca.cert}`);
    expect(extraCasFromEnv({ NODE_EXTRA_CA_CERTS: file })).toHaveLength(2);
    expect(extraCasFromEnv({ NODE_EXTRA_CA_CERTS: join(dir.path, 'missing.pem') })).toEqual([]);
    expect(extraCasFromEnv({})).toEqual([]);
  });

  it('keeps the bundled roots', () => {
    expect(defaultTrustedCas()).toEqual(expect.arrayContaining([...tls.rootCertificates]));
  });

  it('still trusts the NODE_EXTRA_CA_CERTS CA when a webhook adds its own CA', async () => {
    const viaEnv = await get(trustedByEnv.url('/'), [webhookCa.ca.cert]);
    expect(viaEnv.error).toBeNull();
    expect(viaEnv.response?.status).toBe(200);
    const viaWebhook = await get(trustedByWebhook.url('/'), [webhookCa.ca.cert]);
    expect(viaWebhook.response?.status).toBe(200);
  });

  it('does not trust a private CA nobody configured', async () => {
    const r = await get(trustedByWebhook.url('/'), [envCa.ca.cert]);
    expect(r.error?.errorClass).toMatch(/^tls-/);
  });
});
