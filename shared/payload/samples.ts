/**
 * Realistic sample events, one per trigger, built from Apono's documented example (spec §2.4).
 *
 * The samples agree with each other and with the request lifecycle: approvals are Pending on creation and
 * Approved once approved or granted; event times move forward with the trigger. Samples that show a different
 * request (Granted: two integrations and a contractor; Failed: AWS only) carry their own request id, so one id
 * never has two shapes; a granted request is revoked its duration after the grant.
 */
import { TRIGGERS, type Trigger } from '../model/webhook';
import { approval, awsGroup, documentedExample, EXAMPLE_CREATION, postgresGroup } from './documented-example';
import { DEFAULT_EVENT_TYPE_STYLE, eventTypeFor, type EventTypeStyle, type RequestEvent, type SampleEvent } from './request-event';
import { edgeCaseSamples } from './samples-edge';

export { documentedExample, EXAMPLE_CREATION } from './documented-example';

/** The documented example moved to a later stage of the request's life. */
function atStage(trigger: Trigger, style: EventTypeStyle): RequestEvent {
  const event = documentedExample(style);
  const d = event.data;
  event.event_type = eventTypeFor(trigger, style);
  switch (trigger) {
    case 'RequestCreated':
      break;
    case 'RequestApproved':
      event.event_time = EXAMPLE_CREATION + 120.25;
      d.approvals = [approval('Approved')];
      break;
    case 'RequestRejected':
      event.event_time = EXAMPLE_CREATION + 300.5;
      d.approvals = [approval('Rejected')];
      delete d.revocation_date;
      break;
    case 'RequestGranted':
      // Several integrations and a grantee who is not the requester: a manager requesting for a contractor.
      event.event_time = EXAMPLE_CREATION + 121.75;
      d.approvals = [approval('Approved'), { ...approval('Approved'), name: 'Security', approver: { id: 'user-3', name: 'Sam Sec', email: 'sam.sec@example.com' } }];
      d.approvals_logical_relation = 'AllOf';
      d.access_groups = [postgresGroup(), awsGroup()];
      d.grantee = { id: 'user-9', source_id: '00u9contractor', name: 'Casey Contractor', type: 'user' };
      delete d.access_bundle;
      d.id = '124';
      d.friendly_id = 'AR-124';
      if (d.access_duration_in_seconds !== undefined) d.revocation_date = event.event_time + d.access_duration_in_seconds;
      break;
    case 'RequestExpired':
      event.event_time = (d.revocation_date ?? EXAMPLE_CREATION + 3600) + 0.5;
      d.approvals = [approval('Approved')];
      break;
    case 'RequestFailed':
      event.event_time = EXAMPLE_CREATION + 125;
      d.approvals = [approval('Approved')];
      d.access_groups = [awsGroup()];
      d.id = '125';
      d.friendly_id = 'AR-125';
      break;
    case 'Manual':
      event.event_time = EXAMPLE_CREATION + 60;
      break;
  }
  return event;
}

const LABELS: Record<Trigger, string> = {
  RequestCreated: 'Created (documented example)',
  RequestApproved: 'Approved',
  RequestRejected: 'Rejected',
  RequestGranted: 'Granted: two integrations, grantee differs from requester, no bundle',
  RequestExpired: 'Expired',
  RequestFailed: 'Failed',
  Manual: 'Manual',
};

/** One realistic sample per trigger. */
export function triggerSamples(style: EventTypeStyle = DEFAULT_EVENT_TYPE_STYLE): SampleEvent[] {
  return TRIGGERS.map((trigger) => ({
    id: `trigger-${trigger}`,
    label: LABELS[trigger],
    trigger,
    edgeCase: false,
    event: atStage(trigger, style),
  }));
}

/** The sample for one trigger; the preview's "send as" selector uses it. */
export function sampleForTrigger(trigger: Trigger, style: EventTypeStyle = DEFAULT_EVENT_TYPE_STYLE): RequestEvent {
  return atStage(trigger, style);
}

/** Every sample: one per trigger, then the edge cases. The robustness check renders against all of them. */
export function allSamples(style: EventTypeStyle = DEFAULT_EVENT_TYPE_STYLE): SampleEvent[] {
  return [...triggerSamples(style), ...edgeCaseSamples(style)];
}
