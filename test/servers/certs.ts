/**
 * A certificate factory for TLS failure tests, built on the openssl CLI (run asynchronously: never block
 * the event loop of a process that also hosts test servers).
 *
 * Makes a private CA, leaves signed by it (any host names, optionally expired), and bare self-signed leaves.
 */
import type { TLSSocket } from 'node:tls';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface KeyPair {
  key: string;
  cert: string;
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
const san = (hosts: string[]) => `subjectAltName=${hosts.map((h) => (/^[\d.]+$/.test(h) ? `IP:${h}` : `DNS:${h}`)).join(',')}`;

/** A scratch directory with a CA in it; `dispose` removes everything. */
export class CertFactory {
  private serial = 1;
  private constructor(
    private readonly dir: string,
    readonly ca: KeyPair,
  ) {}

  static async create(): Promise<CertFactory> {
    const dir = await mkdtemp(join(tmpdir(), 'hooksmith-certs-'));
    await run('openssl', ['req', '-x509', ...EC, '-keyout', join(dir, 'ca.key'), '-out', join(dir, 'ca.pem'), '-subj', '/CN=Hooksmith Test Root', '-days', '2', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
    await writeFile(join(dir, 'index.txt'), '');
    await writeFile(
      join(dir, 'ca.cnf'),
      [
        '[ca]', 'default_ca = d', '[d]', `dir = ${dir}`, 'database = $dir/index.txt', 'new_certs_dir = $dir', 'serial = $dir/serial',
        'default_md = sha256', 'policy = any', 'copy_extensions = copy', 'unique_subject = no', '[any]', 'commonName = supplied',
      ].join('\n'),
    );
    const ca = { key: await readFile(join(dir, 'ca.key'), 'utf8'), cert: await readFile(join(dir, 'ca.pem'), 'utf8') };
    return new CertFactory(dir, ca);
  }

  /** A leaf for `hosts` signed by the CA; `expired` makes it valid only in January 2020. */
  async leaf(hosts: string[], { expired = false } = {}): Promise<KeyPair> {
    const n = this.serial++;
    const p = (ext: string) => join(this.dir, `leaf${n}.${ext}`);
    await writeFile(join(this.dir, 'serial'), n.toString(16).padStart(2, '0'));
    await run('openssl', ['req', '-new', ...EC, '-keyout', p('key'), '-out', p('csr'), '-subj', `/CN=${hosts[0] ?? 'leaf'}`, '-addext', san(hosts)]);
    const dates = expired ? ['-startdate', '20200101000000Z', '-enddate', '20200201000000Z'] : ['-days', '2'];
    await run('openssl', ['ca', '-batch', '-notext', '-config', join(this.dir, 'ca.cnf'), '-cert', join(this.dir, 'ca.pem'), '-keyfile', join(this.dir, 'ca.key'), '-in', p('csr'), '-out', p('pem'), ...dates]);
    return { key: await readFile(p('key'), 'utf8'), cert: await readFile(p('pem'), 'utf8') };
  }

  /** A bare self-signed leaf for `hosts` (no CA involved). */
  async selfSigned(hosts: string[]): Promise<KeyPair> {
    const n = this.serial++;
    const p = (ext: string) => join(this.dir, `self${n}.${ext}`);
    await run('openssl', ['req', '-x509', ...EC, '-keyout', p('key'), '-out', p('pem'), '-subj', `/CN=${hosts[0] ?? 'self'}`, '-days', '2', '-addext', san(hosts)]);
    return { key: await readFile(p('key'), 'utf8'), cert: await readFile(p('pem'), 'utf8') };
  }

  dispose(): Promise<void> {
    return rm(this.dir, { recursive: true, force: true });
  }
}

/** An HTTPS server on loopback answering `{"status":"ok"}` with the given certificate. */
export async function httpsServer(pair: KeyPair, extra: https.ServerOptions = {}): Promise<{ url: (path: string) => string; server: https.Server; close: () => Promise<void> }> {
  const server = https.createServer({ ...pair, ...extra }, (req, res) => {
    const peer = (req.socket as TLSSocket).getPeerCertificate?.();
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ status: 'ok', clientCert: peer?.subject?.CN ?? null }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    url: (path) => `https://localhost:${port}${path}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}
