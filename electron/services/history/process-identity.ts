/**
 * Who wrote a lock or a guest mark: a pid alone is not enough, because after a reboot (or enough time) the pid is
 * given to an unrelated process, and a lock naming it would look live until that process exits (everyone a
 * guest: nobody cuts torn lines, retention stays in memory, every CLI send makes a new segment).
 *
 * So a mark holds `pid start boot`: the process's start time (`/proc/<pid>/stat` field 22, clock ticks since
 * boot, see proc(5)) and the boot id (`/proc/sys/kernel/random/boot_id`). It names a live writer only when that
 * pid runs, was started at that time, in this boot. Where /proc is missing (macOS, Windows), or for a mark
 * written by an older version (a bare pid), the portable test is the mark's own time: a mark written before
 * the machine booted, or before its pid's process started, cannot belong to that process.
 */
import { readFileSync } from 'node:fs';
import { uptime } from 'node:os';

/** Clock ticks per second in /proc (USER_HZ, fixed at 100 for user space on Linux; see proc(5) and times(2)). */
const USER_HZ = 100;
/** Clock and rounding slack when comparing a mark's time with a boot or start time. */
const SLACK_MS = 2000;

/** Whether a process with this pid runs (ours included). */
export function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** The process's start time in clock ticks since boot, from /proc; undefined where there is no /proc. */
export function startTicks(pid: number): string | undefined {
  const stat = read(`/proc/${pid}/stat`);
  // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
  const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields?.[19];
}

function bootId(): string | undefined {
  return read('/proc/sys/kernel/random/boot_id');
}

/** When the process started (ms since the epoch), from /proc; undefined elsewhere. */
function startedAtMs(pid: number): number | undefined {
  const ticks = Number(startTicks(pid));
  const btime = Number(/^btime (\d+)$/m.exec(read('/proc/stat') ?? '')?.[1]);
  return Number.isFinite(ticks) && btime > 0 ? btime * 1000 + (ticks * 1000) / USER_HZ : undefined;
}

/** What this process writes into its lock and guest marks. */
export function myIdentity(): string {
  return `${process.pid} ${startTicks(process.pid) ?? '-'} ${bootId() ?? '-'}`;
}

/**
 * Whether the process a mark names still runs: `text` is the mark's content (`pid start boot`, or a bare pid
 * from an older version), `writtenAtMs` when it was written (its file's mtime).
 */
export function identityLive(text: string, writtenAtMs: number): boolean {
  const [pidText, start, boot] = text.trim().split(/\s+/);
  const pid = Number(pidText);
  if (!alive(pid)) return false;
  const bootNow = bootId();
  if (boot && boot !== '-' && bootNow && boot !== bootNow) return false;
  const startNow = startTicks(pid);
  if (start && start !== '-' && startNow) return start === startNow;
  // No start time to compare: a mark older than this boot, or than the process now holding the pid, is stale.
  if (writtenAtMs < Date.now() - uptime() * 1000 - SLACK_MS) return false;
  const started = startedAtMs(pid);
  return started === undefined || writtenAtMs >= started - SLACK_MS;
}
