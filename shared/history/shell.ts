/**
 * POSIX shell quoting for generated commands.
 */
import { splitEnvReferences } from '../model/env-references';

/** Single-quotes a word: nothing inside is interpreted; a `'` becomes `'\''`. */
export function shellQuote(text: string): string {
  if (text !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(text)) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A word made of literal text followed by an environment variable: `'X-Key: '"$NAME"`. */
export function shellQuoteWithVar(prefix: string, envName: string): string {
  return `${prefix === '' ? '' : shellQuote(prefix)}"$${envName}"`;
}

/**
 * A word from a text with `${env:NAME}` references inside: literal pieces single-quoted, each reference as
 * `"$NAME"`, e.g. `'Authorization: Splunk '"$HEC_TOKEN"` or `'https://listener.example.com/?token='"$LOGZIO_TOKEN"`.
 */
export function shellQuoteTemplate(text: string): string {
  const word = splitEnvReferences(text)
    .map((p) => ('env' in p ? `"$${p.env}"` : shellQuote(p.text)))
    .join('');
  return word === '' ? "''" : word;
}
