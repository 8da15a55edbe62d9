/**
 * The capture receiver's HTTPS certificate: self-signed for 127.0.0.1 and localhost, made once by the
 * pure-JS `selfsigned` package (no openssl, no native module) and kept in `<dataDir>/captures/tls/` with the
 * key readable by the owner only. Users see its SHA-256 fingerprint and PEM, so a tunnel (or curl) can pin it.
 */
import { X509Certificate } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { makePrivate, makePrivateDir } from '../storage/private-files';

export interface CaptureCert {
  key: string;
  cert: string;
  /** SHA-256 fingerprint, `AB:CD:…`. */
  fingerprint: string;
}

/** Renew a little before expiry, so a capture session never starts on a certificate about to lapse. */
const RENEW_BEFORE_MS = 7 * 24 * 60 * 60 * 1000;

async function readCert(dir: string): Promise<CaptureCert | undefined> {
  try {
    const [key, cert] = await Promise.all([readFile(join(dir, 'key.pem'), 'utf8'), readFile(join(dir, 'cert.pem'), 'utf8')]);
    const x = new X509Certificate(cert);
    if (Date.parse(x.validTo) - Date.now() < RENEW_BEFORE_MS) return undefined;
    return { key, cert, fingerprint: x.fingerprint256 };
  } catch {
    return undefined;
  }
}

/** The stored certificate, or a new one (saved 0600) when there is none, it is unreadable or it expires soon. */
export async function captureCert(capturesDir: string): Promise<CaptureCert> {
  const dir = join(capturesDir, 'tls');
  const stored = await readCert(dir);
  if (stored) {
    // A key left readable by others (a copy, a restore from a backup) is narrowed before it is used.
    await makePrivateDir(dir);
    for (const name of ['key.pem', 'cert.pem']) await makePrivate(join(dir, name));
    return stored;
  }
  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + 365 * 24 * 60 * 60 * 1000);
  const pems = await generate([{ name: 'commonName', value: 'Hooksmith capture receiver' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
    ],
  });
  await makePrivateDir(dir);
  for (const [name, text] of [['key.pem', pems.private], ['cert.pem', pems.cert]] as const) {
    await writeFile(join(dir, name), text, { mode: 0o600 });
    await chmod(join(dir, name), 0o600);
  }
  return { key: pems.private, cert: pems.cert, fingerprint: new X509Certificate(pems.cert).fingerprint256 };
}
