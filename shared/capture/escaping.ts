/**
 * Which escaping Apono applied, judged from the strings a capture holds.
 *
 * Stock Handlebars `{{x}}` replaces `& < > " ' \` =` with `&amp; &lt; &gt; &quot; &#x27; &#x60; &#x3D;`
 * (the `escape` table of `escapeExpression`, handlebars lib/handlebars/utils.js); with `noEscape` it leaves
 * them. A string that holds none of them says nothing either way, hence `undetermined`.
 */
import type { StringSeen } from './probe-read';

/** The entities stock Handlebars writes, and the characters they stand for. */
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'", '&#x60;': '`', '&#x3D;': '=' };
const ENTITY = /&(?:amp|lt|gt|quot|#x27|#x60|#x3D);/g;
const AN_ENTITY = /&(?:amp|lt|gt|quot|#x27|#x60|#x3D);/;
/** A character escaping would have changed, standing bare (an `&` that starts no Handlebars entity). */
const BARE = /[<>"'`=]|&(?!(?:amp|lt|gt|quot|#x27|#x60|#x3D);)/;

/** A character escaping would have changed, bare in raw text; `"` and `=` are left out, as JSON and templates use them themselves. */
const BARE_IN_TEXT = /[<>'`]|&(?!(?:amp|lt|gt|quot|#x27|#x60|#x3D);)/;

/** Undoes stock Handlebars escaping. */
export function unescapeHandlebars(text: string): string {
  return text.replace(ENTITY, (e) => ENTITIES[e]!);
}

/** The verdict and the strings it rests on, as sentences. */
export interface EscapeVerdict {
  escapeMode: 'html' | 'none' | 'undetermined';
  evidence: string[];
}

const quote = (s: string) => JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}…` : s);

/**
 * `html` when values show entities and none shows a bare escapable character, `none` the other way round,
 * `undetermined` when no value held such a character (or the evidence conflicts).
 *
 * With a probe's length slot the test is exact: the value is escaped when unescaping it gives back the
 * length Handlebars saw; it is not when it holds a bare escapable character at its own length.
 */
export function judgeEscaping(strings: readonly StringSeen[], loose = false): EscapeVerdict {
  // Loose: strings of a body that is not an event, where template text mixes with values; `=` is then too
  // common in literal text (URLs, queries) to count as a value escaping left alone.
  const bare = loose ? BARE_IN_TEXT : BARE;
  const html: string[] = [];
  const none: string[] = [];
  for (const s of strings) {
    const plain = unescapeHandlebars(s.text);
    if (s.length !== undefined) {
      if (plain !== s.text && plain.length === s.length) html.push(`${s.path} arrived as ${quote(s.text)} (${s.length} characters before escaping)`);
      else if (bare.test(s.text) && s.text.length === s.length) none.push(`${s.path} arrived unescaped as ${quote(s.text)}`);
    } else if (bare.test(s.text)) none.push(`${s.path} arrived unescaped as ${quote(s.text)}`);
    else if (plain !== s.text) html.push(`${s.path} arrived as ${quote(s.text)}`);
  }
  return judged(html, none);
}

/** The verdict from the evidence for each side. */
function judged(html: string[], none: string[]): EscapeVerdict {
  if (html.length && !none.length) return { escapeMode: 'html', evidence: html.slice(0, 5) };
  if (none.length && !html.length) return { escapeMode: 'none', evidence: none.slice(0, 5) };
  if (html.length && none.length) {
    return { escapeMode: 'undetermined', evidence: [`Conflicting: ${html[0]}, but ${none[0]}.`] };
  }
  return { escapeMode: 'undetermined', evidence: ['No value held a character escaping changes (& < > " \' ` =): put one in the test data (e.g. in the justification) to settle it.'] };
}


/**
 * The escaping verdict for a body that is neither JSON nor a probe, from its raw text: Handlebars entities
 * mean `html`; a bare `< > ' \`` or `&`, or a quote that ended a string early where the JSON broke (stock
 * escaping would have written `&quot;`), mean `none`. Less certain than a probe, and said so.
 */
export function judgeRawText(text: string, jsonError?: { offset: number; line: number; column: number }): EscapeVerdict {
  const entity = AN_ENTITY.exec(text);
  const html = entity ? [`the body holds ${quote(entity[0])}`] : [];
  const none: string[] = [];
  const bare = BARE_IN_TEXT.exec(text);
  if (bare) none.push(`the body holds a bare ${quote(bare[0])}`);
  if (jsonError && jsonError.offset > 0 && text[jsonError.offset - 1] === '"' && !/[\s,}\]:]/.test(text[jsonError.offset] ?? ' ')) {
    none.push(`a quote inside a value ended the string early at line ${jsonError.line}, column ${jsonError.column - 1} (stock escaping would have written &quot;)`);
  }
  const verdict = judged(html, none);
  return { ...verdict, evidence: verdict.escapeMode === 'undetermined' ? verdict.evidence : [...verdict.evidence, 'Judged from the raw text, not from values: the probe template gives a surer answer.'] };
}
