/**
 * The certificates a send trusts before any per-webhook or app-wide extras.
 *
 * Node's bundled roots, plus the operating system's store where this Node can read it
 * (`tls.getCACertificates('system')`, Node 22.15+, so in the desktop app), plus NODE_EXTRA_CA_CERTS. The
 * last matters as soon as any extra CA is configured: passing `ca` replaces Node's defaults, and
 * `tls.rootCertificates` does not include the NODE_EXTRA_CA_CERTS file, so it must be read here.
 */
import { readFileSync } from 'node:fs';
import tls from 'node:tls';

type CaType = 'default' | 'system' | 'bundled' | 'extra';
type GetCaCertificates = (type?: CaType) => string[];

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The certificates in the PEM file named by NODE_EXTRA_CA_CERTS; none when unset or unreadable (Node warns itself). */
export function extraCasFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): string[] {
  const file = env.NODE_EXTRA_CA_CERTS;
  if (!file) return [];
  try {
    return readFileSync(file, 'utf8').match(PEM_BLOCK) ?? [];
  } catch {
    return [];
  }
}

function getter(): GetCaCertificates | undefined {
  const fn = (tls as unknown as { getCACertificates?: GetCaCertificates }).getCACertificates;
  return typeof fn === 'function' ? fn : undefined;
}

let systemReadable: boolean | undefined;

/** Whether the OS certificate store can be read (then every send passes it explicitly); checked once. */
export function systemStoreAvailable(): boolean {
  if (systemReadable !== undefined) return systemReadable;
  const get = getter();
  try {
    systemReadable = !!get && get('system').length > 0;
  } catch {
    systemReadable = false;
  }
  return systemReadable;
}

let cached: string[] | undefined;

/** Bundled roots + OS store (when readable) + NODE_EXTRA_CA_CERTS, without duplicates; computed once. */
export function defaultTrustedCas(): string[] {
  if (cached) return cached;
  const get = getter();
  const system = systemStoreAvailable() && get ? get('system') : [];
  const base = get ? get('default') : [...tls.rootCertificates, ...extraCasFromEnv()];
  cached = [...new Set([...base, ...system])];
  return cached;
}
