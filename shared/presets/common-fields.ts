/**
 * Template fragments several presets share, each safe on every sample: identifiers, emails and names only,
 * optional objects rendering as empty strings rather than breaking the JSON.
 */

/**
 * The fields of Apono's shared log `message` object (spec §7), as JSON members without braces, indented by
 * `indent`. `access_bundle_name` comes from the bundle's name; Apono's own guides wrongly use its id.
 * The justification and the access-flow name are left out (see FREE_TEXT_NOTE).
 */
export function logFields(indent: string): string {
  return [
    '"event_type": "{{event_type}}"',
    '"event_time": "{{event_time}}"',
    '"id": "{{data.id}}"',
    '"friendly_id": "{{data.friendly_id}}"',
    '"requester_id": "{{data.requester.id}}"',
    '"requester_name": "{{data.requester.name}}"',
    '"requester_email": "{{data.requester.email}}"',
    '"creation_date": "{{data.creation_date}}"',
    '"access_flow_id": "{{data.access_flow.id}}"',
    '"access_bundle_id": "{{data.access_bundle.id}}"',
    '"access_bundle_name": "{{data.access_bundle.name}}"',
    '"access_groups_integration_name": "{{data.access_groups.[0].integration.name}}"',
    '"access_groups_integration_type": "{{data.access_groups.[0].integration.type}}"',
  ]
    .map((line) => indent + line)
    .join(',\n');
}

/** The same fields as one JSON string holding a JSON object (`⟨str⟩` in spec §7), for targets that want that. */
export function logFieldsAsString(): string {
  const members = logFields('')
    .split(',\n')
    .map((m) => m.replace(/"/g, '\\"'));
  return `"{${members.join(', ')}}"`;
}

/** The free-text fields {@link logFields} includes. */
export const LOG_FIELDS_ESCAPED = ['data.requester.name', 'data.access_bundle.name'];

/**
 * A JSON array of every resource in the request: integration, resource and permission per access unit.
 *
 * Commas follow the usual `{{#unless @last}}` guards at both levels; an access group with no access units
 * in the middle of the list would still leave a stray comma, which no Apono example or sample shows.
 */
export const RESOURCES_ARRAY = `[
    {{#each data.access_groups}}{{#each access_units}}
    { "integration": "{{../integration.name}}", "resource": "{{resource.name}}", "permission": "{{permission.name}}" }{{#unless @last}},{{/unless}}{{/each}}{{#unless @last}},{{/unless}}{{/each}}
  ]`;
