/**
 * The audit-log (spec §9.1) and integration (spec §9.2) webhook payloads as field trees.
 */
import { field, type PayloadSchema } from './field-schema';

/** The audit-log webhook payload. The target objects are delivered whole, so they are opaque here. */
export const AUDIT_SCHEMA: PayloadSchema = {
  kind: 'audit',
  title: 'Audit log webhook',
  root: field('', 'object', 'The audit event payload.', {
    children: [
      field('event_type', 'string', 'Kind of audit event.', { example: 'AuditEvent' }),
      field('event_time', 'string', 'When the event happened, `{seconds}.{nanos}`.', { example: '1696263265.851898' }),
      field('data', 'object', 'The audited action.', {
        children: [
          field('timestamp', 'string', 'Date and time of the action, `{seconds}.{nanos}`.', { example: '1696263265.851898' }),
          field('action', 'string', 'What was done, e.g. create, edit or delete of an item.', { example: 'create' }),
          field('actor_id', 'string', "The actor's email.", { example: 'admin@example.com' }),
          field('actor_name', 'string', "The actor's name.", { example: 'Admin', freeText: true }),
          field('actor_type', 'string', 'The kind of actor.', { example: 'user' }),
          field('source', 'string', 'Where the action came from: API, integration, Terraform or web application.', { example: 'web application' }),
          field('target_id', 'string', 'ID of the changed item.', { example: 'flow-1' }),
          field('target_name', 'string', 'Name of the changed item.', { example: 'Flow 1', freeText: true }),
          field('target_type', 'string', 'Kind of the changed item.', { example: 'access flow', enumValues: ['access flow', 'bundle', 'integration'] }),
          field('metadata', 'object', 'Extra details (shape undocumented).', { optional: true }),
          field('current_target_object', 'object', 'State after the change. Delivered whole: nested values cannot be targeted.', { optional: true }),
          field('previous_target_object', 'object', 'State before the change. Delivered whole: nested values cannot be targeted.', { optional: true }),
        ],
      }),
    ],
  }),
};

/** The integration webhook payload, as far as the example template shows it. */
export const INTEGRATION_SCHEMA: PayloadSchema = {
  kind: 'integration',
  title: 'Integration webhook',
  root: field('', 'object', 'The integration event payload.', {
    children: [
      field('event_type', 'string', 'Kind of integration event.', { example: 'IntegrationStatusChanged' }),
      field('event_time', 'number', 'When the event happened, epoch seconds.', { example: 1696263265.851898 }),
      field('data', 'object', 'The integration that changed state.', {
        children: [
          field('id', 'string', 'Integration ID.', { example: 'integration-1' }),
          field('name', 'string', 'Integration name.', { example: 'prod db', freeText: true }),
          field('type', 'string', 'Integration type.', { example: 'Postgresql' }),
          field('status', 'string', 'Integration state; events fire on Warning and Error (casing unconfirmed).', { example: 'Warning', enumValues: ['Warning', 'Error'] }),
          field('issues', 'array', 'Problems found.', {
            minItems: 0,
            element: field('issue', 'object', 'One problem.', {
              children: [
                field('status', 'string', 'Severity of the issue.', { example: 'Error' }),
                field('message', 'string', 'What went wrong.', { example: 'Connection refused', freeText: true }),
              ],
            }),
          }),
        ],
      }),
    ],
  }),
};
