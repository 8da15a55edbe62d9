/**
 * Checks a free JSON-path filter before it is saved: that it parses (jsonpath-plus quietly evaluates a broken
 * path as a shorter one, so `$.data[` would filter on all of `$.data`), and that the fields it names exist in
 * the request payload, with a did-you-mean (`$.data.requestor.email` → `requester`).
 */
import { childField, type FieldSchema } from '../payload/field-schema';
import { REQUEST_SCHEMA } from '../payload/request-schema';
import { closestName } from '../template/did-you-mean';

/** A path step as far as the schema check needs it: a field name, or anything else (index, wildcard, filter). */
type Step = { name: string } | { other: true };

/** Splits a JSONPath into steps, or says where it stops making sense (1-based character). */
export function parseJsonPath(path: string): { steps: Step[] } | { error: string } {
  if (!path.startsWith('$')) return { error: 'it must start with $ (the event), e.g. $.data.requester.email' };
  const steps: Step[] = [];
  let i = 1;
  const at = (why: string) => ({ error: `${why} at character ${i + 1}` });
  while (i < path.length) {
    const c = path[i]!;
    if (c === '.') {
      const deep = path[i + 1] === '.';
      i += deep ? 2 : 1;
      if (deep) steps.push({ other: true });
      const m = /^(\*|[A-Za-z_$][\w$-]*)/.exec(path.slice(i));
      if (!m) return at(`a field name must follow "${deep ? '..' : '.'}"`);
      steps.push(m[1] === '*' || deep ? { other: true } : { name: m[1]! });
      i += m[1]!.length;
    } else if (c === '[') {
      const quoted = /^\[\s*(['"])((?:\\.|(?!\1).)*)\1\s*\]/.exec(path.slice(i));
      if (quoted) {
        steps.push({ name: quoted[2]! });
        i += quoted[0].length;
        continue;
      }
      // An index, a slice, a union, a wildcard or a filter: find the matching ] (filters nest brackets and parens).
      let depth = 0;
      let j = i;
      for (; j < path.length; j++) {
        if (path[j] === '[' || path[j] === '(') depth++;
        else if (path[j] === ']' || path[j] === ')') depth--;
        if (depth === 0) break;
      }
      if (j >= path.length) return at('a "[" is never closed');
      if (j === i + 1) return at('empty brackets');
      steps.push({ other: true });
      i = j + 1;
    } else return at(`unexpected "${c}"`);
  }
  return { steps };
}

/** An error (the path cannot work) or a warning (it names a field the payload does not have), or nothing. */
export function checkFilterPath(path: string): { severity: 'error' | 'warning'; message: string } | null {
  const parsed = parseJsonPath(path.trim());
  if ('error' in parsed) return { severity: 'error', message: `Filter path "${path}" is not a JSON path: ${parsed.error}. Write it like $.data.requester.email.` };
  let field: FieldSchema | undefined = REQUEST_SCHEMA.root;
  let where = '$';
  for (const step of parsed.steps) {
    // Past a wildcard, filter or opaque object the payload's shape is not known here: nothing more to check.
    if (!field || 'other' in step || (field.type === 'object' && !field.children)) return null;
    const holder: FieldSchema | undefined = field.type === 'array' ? field.element : field;
    const next: FieldSchema | undefined = holder ? childField(holder, step.name) : undefined;
    if (!next) {
      const names = holder?.children?.map((c) => c.name) ?? [];
      const guess = closestName(step.name, names);
      return {
        severity: 'warning',
        message: `Filter path: the request payload has no "${step.name}" under ${where}${guess ? ` — did you mean "${guess}"?` : ''}; a path that finds nothing never matches.`,
      };
    }
    where = `${where}.${step.name}`;
    field = next;
  }
  return null;
}
