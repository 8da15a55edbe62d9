/** A fresh id for a cancellable run (a test, a send of "Send all that fire"), which `delivery.cancel` takes. */
export function newRunId(): string {
  // randomUUID needs a secure context; browser mode on a loopback http:// origin is one, this is a fallback.
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `run-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
