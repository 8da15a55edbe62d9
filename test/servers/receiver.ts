/**
 * A real HTTPS webhook receiver for tests: mockttp on loopback, with a CA generated once per process.
 *
 * URLs use `localhost` (mockttp issues its leaf certificate for the requested name; an IP literal fails the
 * check). Pass `caPem` as an extra CA to trust it.
 */
import { generateCACertificate, getLocal, type Mockttp } from 'mockttp';

let ca: Promise<{ key: string; cert: string }> | null = null;

/** The test CA (key and certificate, PEM), generated on first use. */
export function testCa(): Promise<{ key: string; cert: string }> {
  ca ??= generateCACertificate({ subject: { commonName: 'Hooksmith Test CA' }, bits: 2048 });
  return ca;
}

export interface Receiver {
  server: Mockttp;
  caPem: string;
  /** `https://localhost:<port><path>`. */
  url(path: string): string;
  stop(): Promise<void>;
}

/** Starts an HTTPS receiver on a free loopback port. */
export async function startReceiver(): Promise<Receiver> {
  const { key, cert } = await testCa();
  const server = getLocal({ https: { key, cert }, http2: false });
  await server.start();
  return {
    server,
    caPem: cert,
    url: (path) => `https://localhost:${server.port}${path}`,
    stop: () => server.stop(),
  };
}
