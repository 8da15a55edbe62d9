/**
 * Captures on disk: one JSON file per request in `<dataDir>/captures/`, readable by the owner only (0600,
 * folder 0700), because a capture holds a real event (names, emails, justifications).
 *
 * Retention: at most {@link CAPTURE_MAX_COUNT} captures, and none older than the history's `maxAgeDays`
 * (the history's own setting, so one answer to "how long does Hooksmith keep payloads" covers both).
 */
import { randomBytes } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AppException } from '../../../shared/api/result';
import { CAPTURE_MAX_COUNT, summarizeCapture, type CaptureRecord, type CaptureSummary } from '../../../shared/capture/types';
import { readHistorySettings } from '../history/settings-file';
import { unwritable } from '../storage/write-errors';
import { makePrivateDir } from '../storage/private-files';
import { writeFileAtomic } from '../storage/atomic-file';

const ID = /^[a-z0-9]{8,40}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A new capture id: time first (base 36), so ids sort in arrival order, then randomness against clashes. */
export function newCaptureId(now = Date.now()): string {
  return `${now.toString(36)}${randomBytes(3).toString('hex')}`;
}

export class CaptureStore {
  readonly dir: string;
  /** Summaries already read: a capture never changes once written, and the page polls the list every second. */
  private readonly summaries = new Map<string, CaptureSummary>();

  constructor(
    private readonly dataDir: string,
    private readonly now: () => number = Date.now,
  ) {
    this.dir = join(dataDir, 'captures');
  }

  /** Creates the folder (0700) if needed, and narrows one left readable by others (a copy, a restore). */
  async ensureDir(): Promise<void> {
    try {
      await makePrivateDir(this.dir);
    } catch (e) {
      throw unwritable(this.dir, 'the capture', e);
    }
  }

  /**
   * Saves a capture atomically and durably (0600, fsynced, renamed, folder fsynced: see atomic-file.ts), then
   * applies retention. The receiver answers 200 only after this, so an acknowledged capture survives a power cut.
   */
  async save(record: CaptureRecord): Promise<void> {
    await this.ensureDir();
    try {
      await writeFileAtomic(join(this.dir, `${record.id}.json`), JSON.stringify(record, null, 2) + '\n');
    } catch (e) {
      throw unwritable(this.dir, 'the capture', e);
    }
    await this.prune();
  }

  /** Ids of stored captures, oldest first. */
  private async ids(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    return names
      .filter((n) => n.endsWith('.json'))
      .map((n) => n.slice(0, -'.json'.length))
      .filter((id) => ID.test(id))
      .sort();
  }

  /** Every capture's summary, newest first; unreadable files are skipped. */
  async list(): Promise<CaptureSummary[]> {
    await this.prune();
    const ids = await this.ids();
    const live = new Set(ids);
    for (const id of this.summaries.keys()) if (!live.has(id)) this.summaries.delete(id);
    const out: CaptureSummary[] = [];
    for (const id of ids.reverse()) {
      let summary = this.summaries.get(id);
      if (!summary) {
        const r = await this.read(id);
        if (!r) continue;
        summary = summarizeCapture(r);
        this.summaries.set(id, summary);
      }
      out.push(summary);
    }
    return out;
  }

  private async read(id: string): Promise<CaptureRecord | undefined> {
    try {
      return JSON.parse(await readFile(join(this.dir, `${id}.json`), 'utf8')) as CaptureRecord;
    } catch {
      return undefined;
    }
  }

  /**
   * One capture by id, or by a prefix of its id that only it has (as `git show` takes a short hash).
   * Throws `not-found` naming the id and where to look, or `conflict` when the prefix is ambiguous.
   */
  async get(idOrPrefix: string): Promise<CaptureRecord> {
    const ids = await this.ids();
    const exact = ids.find((i) => i === idOrPrefix);
    const matches = exact ? [exact] : ids.filter((i) => idOrPrefix.length >= 4 && i.startsWith(idOrPrefix));
    if (matches.length > 1) throw new AppException({ code: 'conflict', message: `Capture id "${idOrPrefix}" is ambiguous (${matches.length} captures start with it): give more of the id.`, field: 'id' });
    const record = matches[0] ? await this.read(matches[0]) : undefined;
    if (!record) throw new AppException({ code: 'not-found', message: `No capture with id "${idOrPrefix}": it may have been deleted or dropped by retention. See: hooksmith capture list`, field: 'id' });
    return record;
  }

  /** Deletes one capture; `not-found` when it is gone already. */
  async remove(idOrPrefix: string): Promise<string> {
    const record = await this.get(idOrPrefix);
    await rm(join(this.dir, `${record.id}.json`), { force: true });
    return record.id;
  }

  /** The newest capture that satisfies `test`, for "use the last probe". */
  async newest(test: (r: CaptureRecord) => boolean, except?: string): Promise<CaptureRecord | undefined> {
    for (const id of (await this.ids()).reverse()) {
      if (id === except) continue;
      const r = await this.read(id);
      if (r && test(r)) return r;
    }
    return undefined;
  }

  /** Drops captures past the count cap (oldest first) and those older than the history's age limit. */
  async prune(): Promise<void> {
    const ids = await this.ids();
    const maxAgeDays = readHistorySettings(join(this.dataDir, 'history')).retention.maxAgeDays;
    const cutoff = maxAgeDays === null ? -Infinity : this.now() - maxAgeDays * DAY_MS;
    const drop = new Set(ids.slice(0, Math.max(0, ids.length - CAPTURE_MAX_COUNT)));
    for (const id of ids) {
      const t = parseInt(id.slice(0, -6), 36);
      if (Number.isFinite(t) && t < cutoff) drop.add(id);
    }
    for (const id of drop) await rm(join(this.dir, `${id}.json`), { force: true });
  }
}
