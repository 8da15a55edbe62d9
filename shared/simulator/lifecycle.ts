/**
 * The lifecycle player: one base access request moved through the steps of a lifecycle, each step the
 * event Apono would send, with event type, time, approvals and revocation date consistent with the step.
 */
import type { Trigger } from '../model/webhook';
import { eventTypeFor, type EventApproval, type EventTypeStyle, type RequestEvent } from '../payload/request-event';

/** The lifecycles the simulator plays, named after their last step. */
export const LIFECYCLES = {
  granted: ['RequestCreated', 'RequestApproved', 'RequestGranted', 'RequestExpired'],
  rejected: ['RequestCreated', 'RequestRejected'],
  failed: ['RequestCreated', 'RequestFailed'],
} as const satisfies Record<string, readonly Trigger[]>;

export type LifecycleName = keyof typeof LIFECYCLES;
export const LIFECYCLE_NAMES = Object.keys(LIFECYCLES) as LifecycleName[];

/** How each lifecycle reads in the UI. */
export const LIFECYCLE_LABELS: Record<LifecycleName, string> = {
  granted: 'Created → Approved → Granted → Expired',
  rejected: 'Created → Rejected',
  failed: 'Created → Failed',
};

/** One step: the trigger and the event for it. */
export interface LifecycleStep {
  trigger: Trigger;
  event: RequestEvent;
}

/** Seconds after creation at which each step happens (Expired uses the revocation date instead). */
const OFFSETS: Partial<Record<Trigger, number>> = {
  RequestCreated: 0,
  RequestApproved: 120.25,
  RequestGranted: 121.75,
  RequestRejected: 300.5,
  RequestFailed: 125,
};

/** The spelling the base event uses, so every step's `event_type` is spelled the same way. */
export function styleOf(event: { event_type?: unknown }): EventTypeStyle {
  return typeof event.event_type === 'string' && event.event_type.startsWith('Access') ? 'AccessRequestCreated' : 'RequestCreated';
}

/**
 * Approvals as they stand at a step. `AnyOf` needs one approver, so only the first approves (or rejects) and
 * the others stay pending; `AllOf` needs every one. A request with no approvals (auto-approved) keeps none.
 */
function approvalsAt(trigger: Trigger, approvals: EventApproval[], relation: string): EventApproval[] {
  const decided = (status: EventApproval['status'], first: boolean) => first || (status === 'Approved' && relation === 'AllOf');
  const set = (status: EventApproval['status']) => approvals.map((a, i) => ({ ...a, status: decided(status, i === 0) ? status : 'Pending' }) as EventApproval);
  switch (trigger) {
    case 'RequestCreated':
    case 'Manual':
      return approvals.map((a) => ({ ...a, status: 'Pending' }));
    case 'RequestRejected':
      return set('Rejected');
    default:
      return set('Approved');
  }
}

/** The event for one step, derived from the base request (which is not changed). */
export function eventAt(base: RequestEvent, trigger: Trigger, style: EventTypeStyle = styleOf(base)): RequestEvent {
  const event = structuredClone(base);
  const d = event.data;
  event.event_type = eventTypeFor(trigger, style);
  const created = typeof d?.creation_date === 'number' ? d.creation_date : typeof base.event_time === 'number' ? base.event_time : 0;
  if (!d || typeof d !== 'object') return event;
  if (Array.isArray(d.approvals)) d.approvals = approvalsAt(trigger, d.approvals, d.approvals_logical_relation);
  const duration = typeof d.access_duration_in_seconds === 'number' ? d.access_duration_in_seconds : 3600;
  if (trigger === 'RequestRejected') delete d.revocation_date;
  if (trigger === 'RequestExpired') {
    const revocation = typeof d.revocation_date === 'number' ? d.revocation_date : created + OFFSETS.RequestGranted! + duration;
    d.revocation_date = revocation;
    event.event_time = revocation + 0.5;
  } else {
    event.event_time = created + (OFFSETS[trigger] ?? 0);
  }
  return event;
}

/** Every step of a lifecycle for a base request. */
export function playLifecycle(base: RequestEvent, lifecycle: LifecycleName, style: EventTypeStyle = styleOf(base)): LifecycleStep[] {
  return LIFECYCLES[lifecycle].map((trigger) => ({ trigger, event: eventAt(base, trigger, style) }));
}
