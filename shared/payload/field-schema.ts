/**
 * Payload schemas as data: a tree of fields that the template analysis, the searchable field tree and the
 * sample generator all read, so the three can never disagree about what a payload contains.
 */

/** The JSON type of a payload field. */
export type FieldType = 'string' | 'number' | 'boolean' | 'object' | 'array';

/**
 * One field of a payload, with its children.
 *
 * `optional` means the field may be missing from a real event (Apono's docs say to expect any field to be
 * absent; the flag marks the ones that are absent in practice). `freeText` marks strings a person typed
 * or named, which can hold quotes, `<>&` or newlines, so escaping them matters.
 */
export interface FieldSchema {
  name: string;
  type: FieldType;
  description: string;
  example?: unknown;
  optional: boolean;
  freeText?: boolean;
  /** Values seen in Apono's code or docs; free text is still allowed. */
  enumValues?: readonly string[];
  /** Children of an object field. An object without `children` is opaque (any keys). */
  children?: readonly FieldSchema[];
  /** The schema of each element of an array field. */
  element?: FieldSchema;
  /** The fewest elements an array has in practice; an index at or past it may be missing. */
  minItems?: number;
}

/** A named payload schema (request, audit log or integration webhook). */
export interface PayloadSchema {
  kind: 'request' | 'audit' | 'integration';
  title: string;
  root: FieldSchema;
}

/** A path step: a property name, or a number for an array index. */
export type PathSegment = string | number;

/** Convenience constructor so schema tables read as one line per field. */
export function field(
  name: string,
  type: FieldType,
  description: string,
  extra: Partial<Omit<FieldSchema, 'name' | 'type' | 'description'>> = {},
): FieldSchema {
  return { name, type, description, optional: false, ...extra };
}

/**
 * The field a path leads to, or undefined.
 *
 * Numbers (and numeric strings, as Handlebars writes `.[0]`) step into an array's element, so
 * `['data','access_groups',0,'integration']` finds the integration object.
 */
export function findField(schema: PayloadSchema, path: readonly PathSegment[]): FieldSchema | undefined {
  let current: FieldSchema | undefined = schema.root;
  for (const segment of path) {
    if (!current) return undefined;
    current = childField(current, segment);
  }
  return current;
}

/** The child of one field by name or index, or undefined when it has none of that name. */
export function childField(parent: FieldSchema, segment: PathSegment): FieldSchema | undefined {
  if (parent.type === 'array') {
    return isIndex(segment) ? parent.element : undefined;
  }
  if (parent.type !== 'object' || !parent.children) return undefined;
  return parent.children.find((c) => c.name === segment);
}

/** Whether a path segment is an array index (`0`, `'0'`). */
export function isIndex(segment: PathSegment): boolean {
  return typeof segment === 'number' || /^\d+$/.test(segment);
}

/** The fields directly under a path: an object's children, or an array element's children. */
export function childrenOf(schema: PayloadSchema, path: readonly PathSegment[]): readonly FieldSchema[] {
  const f = findField(schema, path);
  if (!f) return [];
  const holder = f.type === 'array' ? f.element : f;
  return holder?.children ?? [];
}

/** The element schema of an array field at a path, or undefined when the path is not an array. */
export function elementOf(schema: PayloadSchema, path: readonly PathSegment[]): FieldSchema | undefined {
  const f = findField(schema, path);
  return f?.type === 'array' ? f.element : undefined;
}

/** One row of the flattened field tree: the field, its dotted path and its depth. */
export interface FieldRow {
  /** Canonical path with `[]` after arrays, e.g. `data.access_groups[].integration.name`. */
  path: string;
  /** The same path as Handlebars would write it with a first index, e.g. `data.access_groups.[0].integration.name`. */
  handlebarsPath: string;
  depth: number;
  field: FieldSchema;
}

/** Every field of a schema in document order, for the searchable tree and for did-you-mean. */
export function flattenFields(schema: PayloadSchema): FieldRow[] {
  const rows: FieldRow[] = [];
  const visit = (f: FieldSchema, path: string, hbs: string, depth: number): void => {
    const kids = f.type === 'array' ? f.element?.children : f.children;
    const arrayMark = f.type === 'array' ? '[]' : '';
    const hbsIndex = f.type === 'array' ? '.[0]' : '';
    for (const kid of kids ?? []) {
      const p = `${path}${arrayMark}${path ? '.' : ''}${kid.name}`;
      const h = `${hbs}${hbsIndex}${hbs ? '.' : ''}${kid.name}`;
      rows.push({ path: p, handlebarsPath: h, depth, field: kid });
      visit(kid, p, h, depth + 1);
    }
  };
  visit(schema.root, '', '', 0);
  return rows;
}

/**
 * Rows whose path, name or description contain every word of the query (case-insensitive).
 *
 * Ancestors of a match are kept so a tree view can show where the match sits.
 */
export function searchFields(schema: PayloadSchema, query: string): FieldRow[] {
  const rows = flattenFields(schema);
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return rows;
  const matches = new Set<string>();
  for (const row of rows) {
    const hay = `${row.path} ${row.field.description}`.toLowerCase();
    if (words.every((w) => hay.includes(w))) {
      // Ancestor paths are prefixes ending just before a dot; an array ancestor's row has no `[]`.
      const parts = row.path.split('.');
      for (let i = 1; i <= parts.length; i++) matches.add(parts.slice(0, i).join('.').replace(/\[\]$/, ''));
    }
  }
  return rows.filter((r) => matches.has(r.path));
}
