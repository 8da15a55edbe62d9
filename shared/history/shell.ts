/**
 * POSIX shell quoting for generated commands.
 */

/** Single-quotes a word: nothing inside is interpreted; a `'` becomes `'\''`. */
export function shellQuote(text: string): string {
  if (text !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(text)) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A word made of literal text followed by an environment variable: `'X-Key: '"$NAME"`. */
export function shellQuoteWithVar(prefix: string, envName: string): string {
  return `${prefix === '' ? '' : shellQuote(prefix)}"$${envName}"`;
}
