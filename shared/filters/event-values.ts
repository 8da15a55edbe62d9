/**
 * What each filter field reads from a request event: the candidate values one filter compares against.
 */
import { JSONPath } from 'jsonpath-plus';
import type { FilterField } from '../model/webhook';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
/** The string members of `obj` named in `keys`, skipping missing or non-string ones. */
const strings = (obj: unknown, keys: string[]): string[] =>
  isObject(obj) ? keys.map((k) => obj[k]).filter((v): v is string => typeof v === 'string' && v !== '') : [];

function groups(data: Json): Json[] {
  return list(data.access_groups).filter(isObject);
}

function units(data: Json): Json[] {
  return groups(data).flatMap((g) => list(g.access_units).filter(isObject));
}

/** `manual` when any approval record exists, `auto` when none does; plus each approval's status. */
function approvalValues(data: Json): string[] {
  const approvals = list(data.approvals).filter(isObject);
  if (approvals.length === 0) return ['auto'];
  return ['manual', ...new Set(approvals.flatMap((a) => strings(a, ['status'])))];
}

/**
 * The values a non-JSON-path filter field finds in an event, each once. Empty means the event lacks it.
 *
 * Identifier fields accept the readable name and the id (and the email, path or source id where the event
 * has one), so a filter written from the Apono UI (names) or from an API dump (ids) both work.
 */
export function eventValues(event: unknown, field: Exclude<FilterField, 'json_path'>): string[] {
  const data = isObject(event) && isObject(event.data) ? event.data : undefined;
  if (!data) return [];
  const found = ((): string[] => {
    switch (field) {
      case 'integration':
        return groups(data).flatMap((g) => strings(g.integration, ['name', 'id']));
      case 'integration_type':
        return groups(data).flatMap((g) => strings(g.integration, ['type']));
      case 'resource_type':
        return [
          ...groups(data).flatMap((g) => list(g.resource_types).flatMap((t) => strings(t, ['name', 'id', 'display_path']))),
          ...units(data).flatMap((u) => strings(isObject(u.resource) ? u.resource.type : undefined, ['name', 'id', 'display_path'])),
        ];
      case 'resource':
        return units(data).flatMap((u) => strings(u.resource, ['name', 'id', 'path']));
      case 'permission':
        return units(data).flatMap((u) => strings(u.permission, ['name', 'id']));
      case 'access_flow':
        return strings(data.access_flow, ['name', 'id']);
      case 'bundle':
        return strings(data.access_bundle, ['name', 'id']);
      case 'requester':
        return strings(data.requester, ['email', 'name', 'id']);
      case 'grantee':
        return strings(data.grantee, ['name', 'id', 'source_id', 'email']);
      case 'approval':
        return approvalValues(data);
    }
  })();
  return [...new Set(found)];
}

/**
 * The values a JSONPath finds in an event, as text: strings as they are, numbers and booleans printed,
 * `null` as "null", objects and arrays as JSON. Empty when nothing matches or the path is invalid.
 */
export function jsonPathValues(event: unknown, path: string): { values: string[]; error?: string } {
  let raw: unknown;
  try {
    raw = JSONPath({ path, json: event as object, wrap: true, eval: 'safe' });
  } catch (e) {
    return { values: [], error: `invalid JSONPath: ${e instanceof Error ? e.message : String(e)}` };
  }
  const values = list(raw).map((v) => (typeof v === 'string' ? v : v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v)));
  return { values: [...new Set(values)] };
}
