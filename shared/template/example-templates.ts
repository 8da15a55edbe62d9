/**
 * Body templates from Apono's documentation, used as defaults, test corpus and benchmark input.
 */

/**
 * The Okta Workflows body from Apono's guide (spec §7, S13), paths written exactly as the guide does
 * (`.[0]` indexes and bracketed segments).
 */
export const DOCUMENTED_TEMPLATE = `{
  "fields": {
    "event type": "{{event_type}}",
    "event time": "{{event_time}}",
    "requestor email": "{{data.requester.email}}",
    "integration name": "{{data.access_groups.[0].[integration].name}}",
    "resource type": "{{data.access_groups.[0].[resource_types].[0].name}}",
    "access units": "{{data.access_groups.[0].access_units.[0].resource.name}}"
  }
}
`;

/** A fuller template in the style users write: loops with comma guards and a guarded optional object. */
export const LOOPING_TEMPLATE = `{
  "id": "{{data.friendly_id}}",
  "type": "{{event_type}}",
  "requester": "{{data.requester.email}}",
  {{#if data.access_bundle}}"bundle": "{{data.access_bundle.name}}",{{/if}}
  "groups": [
    {{#each data.access_groups}}
    { "integration": "{{integration.name}}", "units": [
      {{#each access_units}}
      { "resource": "{{resource.name}}", "permission": "{{permission.name}}" }{{#unless @last}},{{/unless}}
      {{/each}}
    ] }{{#unless @last}},{{/unless}}
    {{/each}}
  ],
  "created": {{data.creation_date}}
}
`;
