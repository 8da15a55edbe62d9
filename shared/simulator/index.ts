/** The simulator: verdicts, the lifecycle player and truth tables, all pure. */
export { evaluateWebhook, VERDICT_LABELS, type Verdict, type VerdictKind, type SimulatedWebhook } from './evaluate-webhook';
export { LIFECYCLES, LIFECYCLE_NAMES, LIFECYCLE_LABELS, eventAt, playLifecycle, styleOf, type LifecycleName, type LifecycleStep } from './lifecycle';
export {
  renderForSimulation,
  simulateCell,
  simulateLifecycle,
  truthTable,
  type RenderedBody,
  type SimCell,
  type SimOptions,
  type SimStep,
  type SimWebhook,
  type TruthRow,
} from './simulate';
export { sendPlan, planHosts, describePlan, outcomeLabel, type PlannedSend } from './send-plan';
export { sendAll, type SendAllCalls } from './send-all';
export { baseRequestOf, parseBaseRequest, type BaseRequest } from './base-request';
