/**
 * The probe: a body template that makes Apono reveal the event it has (issue #15).
 *
 * Every field of the request payload schema is written inside a JSON string between a start and an end
 * marker, `⟦path⟧value⟦/path⟧`, next to its length (`⟦#path⟧…⟦/#path⟧`, empty unless the value is a
 * string or an array), and every object also lists all its keys with their values (`⟦?path.key⟧…`), which is
 * how fields the schema does not know show up. Arrays are walked with `#each`, element by element, the index
 * written into the marker paths. The markers are read back from the raw bytes (see `probe-read.ts`), so a
 * value whose quote or backslash breaks the JSON costs nothing: the body is still readable.
 *
 * Only stock Handlebars is used (`#each`, `#unless`, `@index`, `@../index`, `@key`, `@first`, `.length`),
 * since Apono documents no helpers of its own (spec §8). `x.length` renders for strings and arrays only: the
 * runtime's `lookupProperty` returns own properties (handlebars lib/handlebars/runtime.js), and `length` is an
 * own property of a string or array but not of a number, boolean or object.
 */
import type { FieldSchema } from '../payload/field-schema';
import { REQUEST_SCHEMA } from '../payload/request-schema';

/** The value of the probe's `probe` key, which is how a capture is recognised as a probe. */
export const PROBE_TAG = 'hooksmith-probe/1';

/** A marker path step: a field name, or the index of the `#each` opened at that nesting level. */
type Step = string | { level: number };

/** The Handlebars text of a path at `depth` open `#each` blocks: indices refer back to their own block. */
function pathText(steps: readonly Step[], depth: number): string {
  return steps.map((s) => (typeof s === 'string' ? s : `{{@${'../'.repeat(depth - s.level)}index}}`)).join('.');
}

/** `⟦kind path⟧inner⟦/kind path⟧`. */
function marker(kind: '' | '#' | '?', path: string, inner: string): string {
  return `⟦${kind}${path}⟧${inner}⟦/${kind}${path}⟧`;
}

/** Every key of the object at `expr` with its value, so unknown fields are seen too. */
function keysLine(expr: string, steps: readonly Step[], depth: number): string {
  const prefix = pathText(steps, depth + 1);
  const path = `${prefix}${prefix ? '.' : ''}{{@key}}`;
  return `{{#each ${expr}}}${marker('?', path, '{{this}}')}{{/each}}`;
}

function objectLines(children: readonly FieldSchema[], ctx: string, steps: readonly Step[], depth: number, indent: string, selfExpr: string): string[] {
  const lines = [`${indent}"@keys": "${keysLine(selfExpr, steps, depth)}"`];
  for (const child of children) {
    const expr = `${ctx}${child.name}`;
    const childSteps = [...steps, child.name];
    const path = pathText(childSteps, depth);
    if (child.type === 'array') {
      const level = depth + 1;
      const elementSteps = [...childSteps, { level }];
      const inner = objectLines(child.element?.children ?? [], '', elementSteps, level, `${indent}    `, 'this');
      lines.push(
        `${indent}"${child.name}": [{{#each ${expr}}}{{#unless @first}},{{/unless}}\n${indent}  {\n${inner.join(',\n')}\n${indent}  }{{/each}}]`,
        `${indent}"${child.name}@length": "${marker('#', path, `{{${expr}.length}}`)}"`,
      );
    } else if (child.type === 'object' && child.children) {
      const inner = objectLines(child.children, `${expr}.`, childSteps, depth, `${indent}  `, expr);
      lines.push(`${indent}"${child.name}": {\n${inner.join(',\n')}\n${indent}}`);
    } else if (child.type === 'object') {
      // Opaque (custom_fields): its keys and values are all there is to read.
      lines.push(`${indent}"${child.name}": "${keysLine(expr, childSteps, depth)}"`);
    } else {
      lines.push(`${indent}"${child.name}": "${marker('', path, `{{${expr}}}`)}${marker('#', path, `{{${expr}.length}}`)}"`);
    }
  }
  return lines;
}

/**
 * The probe body template for the request-webhook payload (every field of REQUEST_SCHEMA).
 *
 * Rendered with benign values it is valid JSON, so Apono accepts it; with hostile ones it may not be, and
 * the markers still read back.
 */
export function probeTemplate(): string {
  const lines = [`  "probe": "${PROBE_TAG}"`, ...objectLines(REQUEST_SCHEMA.root.children ?? [], '', [], 0, '  ', 'this')];
  return `{\n${lines.join(',\n')}\n}\n`;
}
