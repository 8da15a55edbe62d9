/**
 * Preset placeholders: `<LIKE_THIS>` marks a value the user must fill in before a webhook can be saved.
 *
 * The pattern is narrow on purpose (a capital letter, then capitals, digits or `_`) so that ordinary text
 * such as HTML tags (`<p>`) or comparison signs in a body never counts as a placeholder.
 */

const PLACEHOLDER = /<([A-Z][A-Z0-9_]*)>/g;

/** The placeholders in a text, each once, in order of first appearance, with their angle brackets. */
export function placeholdersIn(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(PLACEHOLDER)) found.add(m[0]);
  return [...found];
}

/**
 * The message for a field that still holds placeholders, naming the field and each placeholder.
 *
 * `label` is the field's name as the user sees it ("URL", "Header X-Api-Key value").
 */
export function placeholderMessage(label: string, placeholders: string[]): string {
  const list = placeholders.join(', ');
  const them = placeholders.length > 1 ? 'them' : 'it';
  return `${label} still contains the preset placeholder${placeholders.length > 1 ? 's' : ''} ${list} — replace ${them} with your own value.`;
}
