/**
 * A child process for the history torture test: works on a shared history folder through the real store until it
 * is killed, printing what it did so the parent can check the folder afterwards. Lines on stdout:
 *
 * - `A <id> <t0> <t1> <segment>`: record `<id>` (started now, so 30-day retention keeps it) was appended from `<t0>`
 *   on, and was appended and fsynced (acknowledged) at `<t1>`, to `<segment>` (for the trace);
 * - `S <t0>` then `C <t0> <t1>`: a clear started at `<t0>` and ended at `<t1>` (a kill may land in between);
 * - `D <id>`: record `<id>` is about to be deleted;
 * - `O 1` or `O 0`: the store was (re)opened as the folder's owner or as a guest;
 * times are `process.hrtime.bigint()` (the system's monotonic clock, shared by every process on the machine).
 *
 * Between those it appends records 60 days old (retention must drop them), deletes some of its own, reopens the
 * store (an owner compacts and repairs on open; ownership moves between the two processes) and lowers or raises
 * the size cap (retention that deletes segments). With TORTURE_CLEAR=1 it also clears the history now and then.
 * Bundled to plain JS by the test (rolldown), run with node.
 */
import { InvocationStore } from '../../electron/services/history/invocation-store';
import { makeRecord } from './invocation-fixtures';

const dir = process.argv[2]!;
const seed = Number(process.argv[3] ?? 1);
let state = seed;
/** A small deterministic PRNG (mulberry32), so a failing run can be replayed with its seed. */
function random(): number {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const KEEP = { maxRecords: null, maxAgeDays: 30, maxTotalBytes: null };
const say = (line: string) => process.stdout.write(`${line}\n`);
/** Opens the store and says whether this process owns the folder (`O 1`) or is a guest (`O 0`), for the trace. */
const open = () => {
  const s = InvocationStore.open(dir, { retention: KEEP, maxSegmentBytes: 64 * 1024 });
  say(`O ${s.owner ? 1 : 0}`);
  return s;
};
const now = () => process.hrtime.bigint().toString();

/** The segment the store appends to, for the trace (a private field, read only here). */
const segmentOf = (s: InvocationStore) => (s as unknown as { currentSeg: number }).currentSeg;

let store = open();
for (let i = 0; ; i++) {
  const roll = random();
  if (roll < 0.6) {
    const rec = makeRecord({ id: `c${seed}-${i}`, startedAt: new Date().toISOString() }, Math.floor(random() * 3000));
    const t0 = now();
    store.append(rec);
    store.sync();
    say(`A ${rec.id} ${t0} ${now()} ${segmentOf(store)}`);
  } else if (roll < 0.75) {
    store.append(makeRecord({ id: `old${seed}-${i}`, startedAt: new Date(Date.now() - 60 * 86_400_000).toISOString() }));
  } else if (roll < 0.8) {
    // Records this process deletes itself are no longer expected (printed before, so a kill in between is safe).
    const id = `c${seed}-${i - 1}`;
    say(`D ${id}`);
    store.remove([id]);
  } else if (roll < 0.9) {
    store.close();
    store = open();
  } else if (roll < 0.93 && process.env.TORTURE_CLEAR === '1') {
    const t0 = now();
    say(`S ${t0}`);
    store.clear();
    say(`C ${t0} ${now()}`);
  } else {
    // A size cap far above what a run writes: enforcing it runs, and must drop nothing.
    store.retention = random() < 0.5 ? { ...KEEP, maxTotalBytes: 256 * 1024 * 1024 } : KEEP;
    store.enforceRetention();
  }
}
