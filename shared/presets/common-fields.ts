/**
 * Template fragments several presets share, each safe on every sample: ids, emails, enum values and epoch
 * times only (see FREE_TEXT_NOTE), with the optional bundle read only inside `{{#if}}`.
 */

/** A member of the log object: always present, or present only when `guard` (an optional object) is. */
type LogMember = string | { guard: string; member: string };

/**
 * The fields of Apono's shared log `message` object (spec §7) that HTML escaping cannot alter. Left out: the
 * requester's name, the justification, and the access-flow and bundle names (free text, see FREE_TEXT_NOTE);
 * the ids beside them identify the same things. `access_bundle_name` is not sent at all, rather than filled
 * from the bundle's id as Apono's guides do; `access_bundle_id` appears only when the request has a bundle.
 */
const LOG_MEMBERS: readonly LogMember[] = [
  '"event_type": "{{event_type}}"',
  '"event_time": "{{event_time}}"',
  '"id": "{{data.id}}"',
  '"friendly_id": "{{data.friendly_id}}"',
  '"requester_id": "{{data.requester.id}}"',
  '"requester_email": "{{data.requester.email}}"',
  '"creation_date": "{{data.creation_date}}"',
  '"access_flow_id": "{{data.access_flow.id}}"',
  { guard: 'data.access_bundle', member: '"access_bundle_id": "{{data.access_bundle.id}}"' },
  '"access_groups_integration_name": "{{data.access_groups.[0].integration.name}}"',
  '"access_groups_integration_type": "{{data.access_groups.[0].integration.type}}"',
];

/**
 * The members joined by `separator`, each starting with `indent`. A guarded member carries the separator in
 * front of it inside its `{{#if}}`, so a missing bundle leaves neither a gap nor a stray comma.
 */
function joinMembers(indent: string, separator: string): string {
  return LOG_MEMBERS.map((m, i) => {
    if (typeof m === 'string') return `${i === 0 ? '' : separator}${indent}${m}`;
    return `{{#if ${m.guard}}}${separator}${indent}${m.member}{{/if}}`;
  }).join('');
}

/** The log fields as JSON members without braces, one per line, indented by `indent`. */
export function logFields(indent: string): string {
  return joinMembers(indent, ',\n');
}

/** The log fields as JSON members on one line (`"a": "…", "b": "…"`), for one-object-per-line targets. */
export function logFieldsInline(): string {
  return joinMembers('', ', ');
}

/**
 * A JSON array with one object per access group: its integration, and its access units' resources and
 * permissions as an inner array, indented by `indent`.
 *
 * Nested this way, each level's `{{#unless @last}}` comma sits between objects that are always emitted; a flat
 * list of units across groups cannot be joined safely in stock Handlebars, since a group with no access units
 * leaves a comma with nothing after it (the `edge-group-without-units` sample).
 */
export function resourcesArray(indent: string): string {
  return `[{{#each data.access_groups}}
${indent}  { "integration": "{{integration.name}}", "access_units": [{{#each access_units}}
${indent}    { "resource": "{{resource.name}}", "permission": "{{permission.name}}" }{{#unless @last}},{{/unless}}{{/each}}
${indent}  ] }{{#unless @last}},{{/unless}}{{/each}}
${indent}]`;
}
