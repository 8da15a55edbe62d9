/**
 * Apono's documented example event (spec §2.4) and its parts, shared by the per-trigger samples and the
 * edge cases (which start from it), in a module of its own so neither has to import the other for it.
 */
import { DEFAULT_EVENT_TYPE_STYLE, eventTypeFor, type EventAccessGroup, type EventApproval, type EventTypeStyle, type RequestEvent } from './request-event';

/** The creation time of the documented example; every sample's times derive from it. */
export const EXAMPLE_CREATION = 1696263265.852378;

/** The example's one access group: a Postgres database, read-only. */
export const postgresGroup = (): EventAccessGroup => ({
  integration: { id: 'integration-1', type: 'Postgresql', name: 'prod db' },
  resource_types: [{ id: 'postgresql-database', name: 'Database', display_path: 'Postgresql/Database' }],
  access_units: [
    {
      resource: {
        id: 'res-1',
        name: 'DB 1',
        path: 'prod db/res-1',
        type: { id: 'postgresql-database', name: 'Database', display_path: 'Postgresql/Database' },
      },
      permission: { id: 'readonly', name: 'ReadOnly' },
    },
  ],
});

/** A second integration, for the samples that span several. */
export const awsGroup = (): EventAccessGroup => {
  const type = { id: 'aws-s3-bucket', name: 'S3 Bucket', display_path: 'AWS Account/S3 Bucket' };
  return {
    integration: { id: 'integration-2', type: 'AWS Account', name: 'aws prod' },
    resource_types: [type],
    access_units: ['billing-reports', 'audit-logs'].map((bucket) => ({
      resource: { id: bucket, name: bucket, path: `aws prod/${bucket}`, type },
      permission: { id: 'read', name: 'Read' },
    })),
  };
};

/** The example's approval, in the given status. */
export const approval = (status: EventApproval['status']): EventApproval => ({
  name: 'Team lead',
  type: 'user',
  status,
  approver: { id: 'user-2', name: 'Dana Lead', email: 'dana.lead@example.com' },
});

/**
 * Apono's documented example payload (spec §2.4), with the truncated tail filled in.
 *
 * This is the default preview data: it is what users see in the docs.
 */
export function documentedExample(style: EventTypeStyle = DEFAULT_EVENT_TYPE_STYLE): RequestEvent {
  return {
    event_type: eventTypeFor('RequestCreated', style),
    event_time: 1696263265.851898,
    data: {
      id: '123',
      friendly_id: 'AR-123',
      requester: { id: 'user-1', name: 'User', email: 'user@example.com' },
      justification: 'I need access to this',
      creation_date: EXAMPLE_CREATION,
      revocation_date: 1696266865.85238,
      access_flow: { id: 'flow-1', name: 'Flow 1' },
      access_bundle: { id: 'bundle-1', name: 'Bundle 1' },
      access_duration_in_seconds: 3600,
      access_groups: [postgresGroup()],
      approvals_logical_relation: 'AnyOf',
      approvals: [approval('Pending')],
      custom_fields: {},
    },
  };
}
