/**
 * The request-webhook event as TypeScript types, matching REQUEST_SCHEMA, so samples are checked by the
 * compiler and not only by tests.
 */
import type { Trigger } from '../model/webhook';

/** A user reference (requester, approver). */
export interface EventUser {
  id: string;
  name: string;
  email: string;
}

/** A resource type reference. */
export interface EventResourceType {
  id: string;
  name: string;
  display_path: string;
}

/** One resource and the permission on it. */
export interface EventAccessUnit {
  resource: { id: string; name: string; path: string; type: EventResourceType };
  permission: { id: string; name: string };
}

/** One integration's share of a request. */
export interface EventAccessGroup {
  integration: { id: string; type: string; name: string };
  resource_types: EventResourceType[];
  access_units: EventAccessUnit[];
}

/** One approval record. */
export interface EventApproval {
  name: string;
  type: string;
  status: 'Approved' | 'Rejected' | 'Pending';
  approver: EventUser;
}

/** The `data` object of a request event; optional fields may be missing in real events. */
export interface RequestEventData {
  id: string;
  friendly_id: string;
  requester: EventUser;
  grantee?: { id: string; source_id: string; name: string; type: string };
  justification: string;
  creation_date: number;
  revocation_date?: number;
  access_flow: { id: string; name: string };
  access_bundle?: { id: string; name: string };
  access_duration_in_seconds?: number;
  access_groups: EventAccessGroup[];
  approvals_logical_relation: 'AnyOf' | 'AllOf';
  approvals: EventApproval[];
  custom_fields?: Record<string, unknown>;
}

/** A request-webhook event as Apono sends it. */
export interface RequestEvent {
  event_type: string;
  event_time: number;
  data: RequestEventData;
}

/** How `event_type` is spelled: the documented example's `AccessRequestCreated`, or the trigger name. */
export type EventTypeStyle = 'AccessRequestCreated' | 'RequestCreated';

/** The default spelling, the one Apono's documented example uses. */
export const DEFAULT_EVENT_TYPE_STYLE: EventTypeStyle = 'AccessRequestCreated';

/**
 * The `event_type` value for a trigger in a spelling style.
 *
 * Apono never says which spelling is live (spec §2.3), so it is a setting. `Manual` has no documented
 * event type; it is passed through unchanged in both styles.
 */
export function eventTypeFor(trigger: Trigger, style: EventTypeStyle = DEFAULT_EVENT_TYPE_STYLE): string {
  if (trigger === 'Manual') return 'Manual';
  return style === 'AccessRequestCreated' ? `Access${trigger}` : trigger;
}

/** A sample event shown in the preview and used by the robustness check. */
export interface SampleEvent {
  id: string;
  label: string;
  trigger?: Trigger;
  edgeCase: boolean;
  event: RequestEvent;
}
