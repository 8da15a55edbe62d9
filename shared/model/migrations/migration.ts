/**
 * One numbered step of the store document's schema, as a pure function.
 *
 * Pure so that each step can be tested on a fixture without a disk, and replayed safely on a copy.
 */
export interface Migration {
  /** The version this step reads; it produces `from + 1`, and the runner writes the new version number. */
  from: number;
  /** What changed, for the log line the loader writes when it migrates. */
  description: string;
  /** Returns a new document; must not mutate its argument, so the original can still be backed up. */
  up(doc: Record<string, unknown>): Record<string, unknown>;
}
