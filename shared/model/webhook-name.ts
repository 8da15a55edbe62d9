/**
 * Finding a webhook by name, one rule everywhere (the CLI's NAME arguments, `--webhook`, replaying a record
 * sent from a definition file, the uniqueness check on save): names compare without regard to case, since
 * saving refuses two names that differ only in case.
 */

/** True when two webhook names are the same name. */
export function sameWebhookName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The webhook called `name` (any case), or undefined. */
export function findWebhookByName<T extends { name: string }>(all: readonly T[], name: string): T | undefined {
  return all.find((w) => sameWebhookName(w.name, name));
}
