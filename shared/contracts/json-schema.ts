/**
 * The JSON Schema subset target contracts are written in, and its validator.
 *
 * Contracts state what vendors document about a request body (required fields, types, enums, lengths), so
 * only those keywords are supported, with JSON Schema's meaning (draft 2020-12): `type`, `required`,
 * `properties`, `additionalProperties` (boolean), `items`, `minItems`, `maxItems`, `enum`, `const`,
 * `minLength`, `maxLength` (in UTF-16 code units, as JavaScript counts), `pattern`, `minimum`, `maximum`,
 * `minProperties`. A general validator (Ajv) compiles schemas with `new Function`, which the renderer's CSP
 * forbids, and the editor runs these checks as you type; this subset is small enough to own.
 */

export type JsonType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';
type JsonScalar = string | number | boolean | null;

/** A schema in the supported subset; `description` says in the target's words what the field is for. */
export interface JsonSchema {
  type?: JsonType | readonly JsonType[];
  required?: readonly string[];
  properties?: Readonly<Record<string, JsonSchema>>;
  additionalProperties?: boolean;
  minProperties?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  enum?: readonly JsonScalar[];
  const?: JsonScalar;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  description?: string;
}

/** One place where a value breaks its schema: a JSON path (`$.fields.summary`) and what is wrong there. */
export interface SchemaViolation {
  path: string;
  /** The same path as steps from the root, to place the violation in the body's text. */
  steps: Array<string | number>;
  message: string;
}

function typeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}

function fits(value: unknown, type: JsonType): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

const show = (v: unknown) => JSON.stringify(v);
const key = (path: string, name: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `${path}.${name}` : `${path}[${show(name)}]`);

/** Every violation of `schema` by `value`, depth first; `path` names the value (`$` at the root), `steps` leads to it. */
export function validateSchema(value: unknown, schema: JsonSchema, path = '$', steps: Array<string | number> = []): SchemaViolation[] {
  // A violation without its own steps is at `steps`, the value itself.
  const out: Array<Omit<SchemaViolation, 'steps'> & { steps?: Array<string | number> }> = [];
  const types = schema.type === undefined ? undefined : typeof schema.type === 'string' ? [schema.type] : schema.type;
  if (types && !types.some((t) => fits(value, t))) {
    const actual = typeOf(value);
    out.push({ path, message: `must be ${types.map((t) => (t === 'integer' ? 'an integer' : t === 'array' || t === 'object' ? `an ${t}` : `a ${t}`)).join(' or ')}, not ${actual === 'integer' ? 'a number' : actual === 'array' || actual === 'object' ? `an ${actual}` : `a ${actual}`}${typeof value === 'string' ? ` (${show(value)})` : ''}` });
    return out.map((v) => ({ ...v, steps: v.steps ?? steps }));
  }
  if (schema.const !== undefined && value !== schema.const) out.push({ path, message: `must be ${show(schema.const)}, not ${show(value)}` });
  if (schema.enum && !schema.enum.some((e) => e === value)) out.push({ path, message: `must be one of ${schema.enum.map(show).join(', ')}, not ${show(value)}` });
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) out.push({ path, message: schema.minLength === 1 ? 'must not be empty' : `must be at least ${schema.minLength} characters long` });
    if (schema.maxLength !== undefined && value.length > schema.maxLength) out.push({ path, message: `must be at most ${schema.maxLength} characters long (it has ${value.length})` });
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) out.push({ path, message: `must match ${schema.pattern}` });
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) out.push({ path, message: `must be at least ${schema.minimum}` });
    if (schema.maximum !== undefined && value > schema.maximum) out.push({ path, message: `must be at most ${schema.maximum}` });
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) out.push({ path, message: schema.minItems === 1 ? 'must not be empty' : `must hold at least ${schema.minItems} items` });
    if (schema.maxItems !== undefined && value.length > schema.maxItems) out.push({ path, message: `must hold at most ${schema.maxItems} items (it has ${value.length})` });
    if (schema.items) value.forEach((item, i) => out.push(...validateSchema(item, schema.items!, `${path}[${i}]`, [...steps, i])));
  }
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    const own = (name: string) => Object.prototype.hasOwnProperty.call(obj, name);
    // A missing field is placed at the object that lacks it.
    for (const name of schema.required ?? []) if (!own(name)) out.push({ path: key(path, name), message: 'is required', steps });
    if (schema.minProperties !== undefined && Object.keys(obj).length < schema.minProperties) out.push({ path, message: 'must not be empty' });
    for (const [name, sub] of Object.entries(schema.properties ?? {})) if (own(name)) out.push(...validateSchema(obj[name], sub, key(path, name), [...steps, name]));
    if (schema.additionalProperties === false) {
      for (const name of Object.keys(obj)) if (!Object.prototype.hasOwnProperty.call(schema.properties ?? {}, name)) out.push({ path: key(path, name), message: 'is not a field this target knows', steps: [...steps, name] });
    }
  }
  return out.map((v) => ({ ...v, steps: v.steps ?? steps }));
}
