/**
 * The request-webhook payload (spec §2.1, §2.2) as a field tree.
 *
 * `freeText` marks only what people type (the justification, person names): admin-given names can hold
 * `&` too, but flagging them would bury the real warnings; the robustness check covers them with samples.
 *
 * Examples are the documented example's values (§2.4) so hovers and completions show what users will see
 * in Apono's own Test. Optional flags follow §2.2's advice that fields can be missing.
 */
import { field, type FieldSchema, type PayloadSchema } from './field-schema';

const user = (what: string, optional = false): FieldSchema[] => [
  field('id', 'string', `Apono ID of the ${what}.`, { example: 'user-1', optional }),
  field('name', 'string', `Apono user name of the ${what}.`, { example: 'User', optional, freeText: true }),
  field('email', 'string', `Email of the ${what}.`, { example: 'user@example.com', optional }),
];

const resourceType = (): FieldSchema[] => [
  field('id', 'string', 'Resource type ID.', { example: 'postgresql-database' }),
  field('name', 'string', 'Resource type display name.', { example: 'Database' }),
  field('display_path', 'string', 'Integration type and resource type, slash-separated.', { example: 'Postgresql/Database' }),
];

const accessUnit = field('access_unit', 'object', 'One resource and the permission requested on it.', {
  children: [
    field('resource', 'object', 'The individual resource.', {
      children: [
        field('id', 'string', 'Resource ID.', { example: 'res-1' }),
        field('name', 'string', 'Resource name.', { example: 'DB 1' }),
        field('path', 'string', 'Resource path: `<integration name>/<resource id>`.', { example: 'prod db/res-1' }),
        field('type', 'object', 'The resource type.', { children: resourceType() }),
      ],
    }),
    field('permission', 'object', 'The role or permission requested.', {
      children: [
        field('id', 'string', 'Permission ID.', { example: 'readonly' }),
        field('name', 'string', 'Permission name.', { example: 'ReadOnly' }),
      ],
    }),
  ],
});

const accessGroup = field('access_group', 'object', 'One integration and the resources requested in it.', {
  children: [
    field('integration', 'object', 'The integration.', {
      children: [
        field('id', 'string', 'Integration ID.', { example: 'integration-1' }),
        field('type', 'string', 'Integration type.', { example: 'Postgresql' }),
        field('name', 'string', 'Admin-given integration name.', { example: 'prod db' }),
      ],
    }),
    field('resource_types', 'array', 'Resource types requested in this integration.', {
      minItems: 1,
      element: field('resource_type', 'object', 'A resource type.', { children: resourceType() }),
    }),
    field('access_units', 'array', 'The resources and permissions requested.', { minItems: 1, element: accessUnit }),
  ],
});

const approval = field('approval', 'object', 'One approval record.', {
  children: [
    field('name', 'string', 'Name of the approval step (meaning undocumented).', { example: 'Team lead' }),
    field('type', 'string', 'Approval type (values undocumented).', { example: 'user' }),
    field('status', 'string', 'Approval status.', { example: 'Pending', enumValues: ['Approved', 'Rejected', 'Pending'] }),
    field('approver', 'object', 'The approving user.', { children: user('approver') }),
  ],
});

/** The request-webhook payload schema. */
export const REQUEST_SCHEMA: PayloadSchema = {
  kind: 'request',
  title: 'Request webhook',
  root: field('', 'object', 'The event payload.', {
    children: [
      field('event_type', 'string', 'Which trigger fired; maps to an access-request status. Spelling (`AccessRequestCreated` or `RequestCreated`) is unconfirmed.', { example: 'AccessRequestCreated' }),
      field('event_time', 'number', 'When the event happened, epoch seconds with a fraction.', { example: 1696263265.851898 }),
      field('data', 'object', 'Context about the triggering event.', {
        children: [
          field('id', 'string', "Apono's internal request ID.", { example: '123' }),
          field('friendly_id', 'string', 'Readable request ID shown in the Apono UI.', { example: 'AR-123' }),
          field('requester', 'object', 'The requesting user.', { children: user('requester') }),
          field('grantee', 'object', 'The identity that receives the access; can differ from the requester. Missing in older payloads.', {
            optional: true,
            children: [
              field('id', 'string', 'Grantee ID.', { example: 'user-1' }),
              field('source_id', 'string', 'Grantee ID in its identity source.', { example: '00u1abcd' }),
              field('name', 'string', 'Grantee name.', { example: 'User', freeText: true }),
              field('type', 'string', 'Grantee type (values undocumented).', { example: 'user', enumValues: ['user', 'group', 'context_attribute'] }),
            ],
          }),
          field('justification', 'string', 'The reason the requester typed. Free text: may contain quotes, backslashes and newlines.', { example: 'I need access to this', freeText: true }),
          field('creation_date', 'number', 'When the request was created, epoch seconds.', { example: 1696263265.852378 }),
          field('revocation_date', 'number', 'When access was or will be revoked, epoch seconds. May be missing.', { example: 1696266865.85238, optional: true }),
          field('access_flow', 'object', 'The access flow that handled the request.', {
            children: [
              field('id', 'string', 'Access flow ID.', { example: 'flow-1' }),
              field('name', 'string', 'Admin-given access flow name.', { example: 'Flow 1' }),
            ],
          }),
          field('access_bundle', 'object', 'The related bundle; missing when the request was not for a bundle.', {
            optional: true,
            children: [
              field('id', 'string', 'Bundle ID.', { example: 'bundle-1' }),
              field('name', 'string', 'Bundle name.', { example: 'Bundle 1' }),
            ],
          }),
          field('access_duration_in_seconds', 'number', 'The requested or granted duration in seconds.', { example: 3600, optional: true }),
          field('access_groups', 'array', 'The integrations and resources requested.', { minItems: 1, element: accessGroup }),
          field('approvals_logical_relation', 'string', 'Whether one approver is enough (`AnyOf`) or all must approve (`AllOf`).', { example: 'AnyOf', enumValues: ['AnyOf', 'AllOf'] }),
          field('approvals', 'array', 'Approval records; empty for auto-approved requests.', { minItems: 0, element: approval }),
          field('custom_fields', 'object', 'Custom request fields (meaning undocumented); may be missing or empty.', { optional: true }),
        ],
      }),
    ],
  }),
};
