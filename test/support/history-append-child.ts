/**
 * A child process for the crash test: appends records to a history folder through the real store until it
 * is killed, printing each acknowledged id. Bundled to plain JS by the test (rolldown) and run with node.
 */
import { InvocationStore } from '../../electron/services/history/invocation-store';
import { makeRecord } from './invocation-fixtures';

const dir = process.argv[2]!;
const store = InvocationStore.open(dir, { retention: { maxRecords: null, maxAgeDays: null, maxTotalBytes: null } });
// Large records (~6 MB: the body appears three times) make a write long enough for SIGKILL to land in the middle of it.
for (let i = 0; ; i++) {
  const rec = makeRecord({}, i % 2 ? 2_000_000 : 3_000);
  store.append(rec);
  process.stdout.write(`${rec.id}\n`);
}
