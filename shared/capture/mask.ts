/**
 * The history's privacy rules applied to a captured request: a capture is kept on disk and shown, so
 * credentials that Apono (or anyone) sent to the receiver must not be stored in clear.
 */
import { maskHeaders } from '../delivery/masking';
import type { HeaderPair } from '../delivery/invocation';
import { isCredentialHeader } from '../history/secret-headers';
import { MASKED_SECRET } from '../model/webhook';

/**
 * Masks headers as the history does: `Authorization` keeps its scheme (`Bearer ••••`), and every header
 * whose name says it carries a credential (API keys, tokens, cookies, secrets, signatures), or that a saved
 * webhook marks secret (`knownSecretNames`), is masked whole; a saved webhook's secret value
 * (`knownSecretValues`) is masked in any other header too.
 */
export function maskCapturedHeaders(headers: readonly HeaderPair[], knownSecretNames: readonly string[] = [], knownSecretValues: readonly string[] = []): HeaderPair[] {
  const secretNames = [...headers.map(([n]) => n).filter(isCredentialHeader), ...knownSecretNames];
  return maskHeaders(headers, secretNames, knownSecretValues);
}

/**
 * Masks query parameters whose names say they carry a credential (`token`, `api_key`, `signature`…), as
 * Logz.io-style URLs put the shipping token in the query. The rest of the query is kept byte for byte.
 */
export function maskCapturedQuery(query: string): string {
  if (!query) return '';
  return query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      let name: string;
      try {
        name = decodeURIComponent(pair.slice(0, eq).replace(/\+/g, ' '));
      } catch {
        name = pair.slice(0, eq);
      }
      return isCredentialHeader(name) ? `${pair.slice(0, eq)}=${MASKED_SECRET}` : pair;
    })
    .join('&');
}
