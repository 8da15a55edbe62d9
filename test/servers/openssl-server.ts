/**
 * `openssl s_server` on loopback demanding a client certificate, for mutual-TLS failure tests.
 *
 * Unlike Node's TLS server, which drops the socket (often a bare reset on the client's side) when it rejects
 * a client certificate, OpenSSL's server sends its alert first (certificate required, unknown CA, bad
 * certificate), as nginx, Envoy and most mTLS front ends do; the client sees the alert.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KeyPair } from './certs';

export interface OpensslServer {
  /** `https://localhost:<port><path>`. */
  url(path: string): string;
  stop(): Promise<void>;
}

/** Serves with `pair`, requiring a client certificate issued by `clientCaPem`. */
export async function startMtlsServer(pair: KeyPair, clientCaPem: string): Promise<OpensslServer> {
  const dir = await mkdtemp(join(tmpdir(), 'hooksmith-s-server-'));
  await Promise.all([writeFile(join(dir, 'key.pem'), pair.key), writeFile(join(dir, 'cert.pem'), pair.cert), writeFile(join(dir, 'ca.pem'), clientCaPem)]);
  const child = spawn(
    'openssl',
    ['s_server', '-accept', '127.0.0.1:0', '-key', join(dir, 'key.pem'), '-cert', join(dir, 'cert.pem'), '-CAfile', join(dir, 'ca.pem'), '-Verify', '1', '-verify_return_error', '-www'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /ACCEPT .*:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`openssl s_server exited (${code}): ${out}`)));
  });
  // s_server logs every handshake; keep reading so it never blocks on a full pipe.
  child.stdout.resume();
  child.stderr.resume();
  return {
    url: (path) => `https://localhost:${port}${path}`,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill();
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
