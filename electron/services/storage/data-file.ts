/**
 * The single owner of `hooksmith.json`, the lowdb file holding webhooks and settings.
 *
 * lowdb rewrites the whole file on every write, which is fine for this small document (history lives in its
 * own append-only store). Loading migrates older schema versions (keeping a copy of the original) and
 * validates; a file that cannot be read as a valid document is moved aside to a timestamped backup and the
 * user is told. Nothing is ever wiped silently: when the folder cannot be written (permissions, a read-only
 * disk), a corrupt file is left as it is, the user is told both why it is unusable and why it could not be
 * moved, and every change is refused with a `storage-unwritable` or `storage-failed` error until it is fixed.
 *
 * The app (or browser mode) and the CLI may run at the same time, each with its own DataFile. So every read
 * and every change first checks whether the file changed on disk since this process last saw it, and reloads
 * if so: a change never writes back a stale copy over another process's work.
 */
import { copyFile, open, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { CURRENT_SCHEMA_VERSION, emptyStoreDocument, validateStoreDocument, type StoreDocument } from '../../../shared/model/store-schema';
import { migrate } from '../../../shared/model/migrations/migrate';
import { AppException } from '../../../shared/api/result';
import { makeFilesPrivateSync, makePrivate, makePrivateDir } from './private-files';
import { AtomicJsonFile, removeDeadTemps } from './atomic-file';
import { withWriteLock } from './write-lock';
import { describeFsError, fsErrorCode, unwritable, unwritableFix } from './write-errors';

export const DATA_FILE_NAME = 'hooksmith.json';

/** `2026-11-23T10-30-00-123Z`: sortable and valid in file names on every platform. */
function stamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

/** Identifies one version of the file: every write replaces the file (a new inode), so this changes with each. */
const versionOf = (s: { mtimeMs: number; size: number; ino: number }) => `${s.mtimeMs}:${s.size}:${s.ino}`;

/** Identifies the version of the file on disk now; undefined when it does not exist. */
async function fileVersion(path: string): Promise<string | undefined> {
  try {
    return versionOf(await stat(path));
  } catch {
    return undefined;
  }
}

/**
 * The file's text and the version of that very text: both from one open descriptor. A version taken by name after
 * reading may already be another process's save, which the old text would then pass for (and the next change
 * would write that old text back over the save). Undefined when the file does not exist.
 */
async function readVersioned(path: string): Promise<{ text: string; version: string } | undefined> {
  let file;
  try {
    file = await open(path, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    const version = versionOf(await file.stat());
    return { text: await file.readFile('utf8'), version };
  } finally {
    await file.close();
  }
}

export class DataFile {
  private queue: Promise<unknown> = Promise.resolve();
  private version: string | undefined;
  /** Set while the file on disk is unusable after an outside change; changes are refused meanwhile. */
  private broken: string | undefined;
  /** Why a corrupt file could not be moved aside (`EACCES: permission denied`); it is left as it is meanwhile. */
  private stuck: string | undefined;
  /** Set when the file was read but the folder refused the write that loading needed; changes are refused. */
  private readOnly: string | undefined;
  private readonly db: Low<StoreDocument>;
  /** Messages for the user produced while loading (backups made, migrations run). */
  readonly notices: string[] = [];

  private constructor(
    private readonly dir: string,
    private readonly now: () => Date,
  ) {
    this.db = new Low<StoreDocument>(new AtomicJsonFile<StoreDocument>(this.path), emptyStoreDocument());
  }

  private get path(): string {
    return join(this.dir, DATA_FILE_NAME);
  }

  /** Held by whichever process is changing the file (see write-lock.ts). */
  private get lockPath(): string {
    return `${this.path}.lock`;
  }

  /** Opens (or creates) the data file in `dir`. Throws only if the file or folder is unusable. */
  static async open(dir: string, now: () => Date = () => new Date()): Promise<DataFile> {
    try {
      await makePrivateDir(dir);
    } catch (e) {
      throw unwritable(dir, 'a new data folder', e);
    }
    // Files an older Hooksmith left readable by others (0644) are narrowed once, on open.
    makeFilesPrivateSync(dir);
    const file = new DataFile(dir, now);
    await removeDeadTemps(join(dir, DATA_FILE_NAME));
    // Under the write lock: a first start writes the new (or upgraded) file, and must not race a CLI doing so.
    await withWriteLock(file.lockPath, () => file.load(true));
    return file;
  }

  /** Moves a bad file aside; when that is impossible, leaves it untouched and says why (see `stuck`). */
  private async moveAside(why: string): Promise<boolean> {
    const backup = join(this.dir, `hooksmith.corrupt-${stamp(this.now())}.json`);
    try {
      await rename(this.path, backup);
    } catch (e) {
      this.stuck = describeFsError(e);
      return false;
    }
    this.notices.push(`Your data file could not be used (${why}). It was moved to ${backup} and Hooksmith started with an empty one; nothing was deleted.`);
    return true;
  }

  /** Why changes are refused while a corrupt file could not be moved aside. */
  private stuckMessage(problem: string, reason: string): string {
    return (
      `${this.path} is corrupt (${problem}), and it could not be moved aside to a backup (${reason}). It was left untouched; ` +
      `until it is fixed Hooksmith shows no webhooks and saves nothing. ${unwritableFix(this.dir, ' so that the next start moves the file aside, or repair or remove the file yourself')}`
    );
  }

  /**
   * Reads, migrates and validates the file into memory, writing it back when it was missing or upgraded.
   *
   * On the first load a bad file is moved aside (the app must start). On a reload while running, the file was
   * changed by someone else (a hand edit with a typo, say): it is left as it is, the last good document stays
   * in memory, and changes are refused until the file is fixed, so nothing the user wrote is lost either way.
   */
  private async load(initial: boolean): Promise<void> {
    let read: { text: string; version: string } | undefined;
    try {
      read = await readVersioned(this.path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new Error(`Cannot read ${this.path} (${code ?? (e as Error).message}). Check its permissions; nothing was changed.`);
    }
    const loaded = read === undefined ? undefined : this.parse(read.text);
    if (loaded && 'problem' in loaded) {
      if (loaded.newer) throw new Error(loaded.problem);
      if (!initial || this.stuck !== undefined || !(await this.moveAside(loaded.problem))) {
        this.broken =
          this.stuck !== undefined
            ? this.stuckMessage(loaded.problem, this.stuck)
            : `${this.path} was changed outside Hooksmith and cannot be used (${loaded.problem}). Fix or remove it; until then Hooksmith shows what it last read and saves nothing.`;
        if (!this.notices.includes(this.broken)) this.notices.push(this.broken);
        this.version = read?.version;
        return;
      }
      read = undefined; // moved aside: nothing is at the path now
    }
    this.broken = this.stuck = this.readOnly = undefined;
    const good = loaded && !('problem' in loaded) ? loaded : undefined;
    this.db.data = good?.doc ?? emptyStoreDocument();
    try {
      if (good?.migratedFrom !== undefined) {
        const keep = join(this.dir, `hooksmith.v${good.migratedFrom}-backup-${stamp(this.now())}.json`);
        await copyFile(this.path, keep);
        await makePrivate(keep);
        this.notices.push(`Your data file was upgraded from version ${good.migratedFrom} to ${CURRENT_SCHEMA_VERSION}; the original is kept at ${keep}.`);
      }
      if (!good || good.migratedFrom !== undefined) {
        await this.db.write();
        read = undefined; // what is on disk now is what we wrote
      }
    } catch (e) {
      if (!fsErrorCode(e)) throw e;
      const why = `${this.dir} cannot be written (${describeFsError(e)}). ${unwritableFix(this.dir)}`;
      if (good) {
        // Readable but not upgradable: show what is there, and refuse every change, so the old file is never
        // overwritten without its backup.
        this.readOnly = `Could not upgrade your data file from version ${good.migratedFrom} (it was read as it is, and nothing was changed): ${why}`;
        this.notices.push(this.readOnly);
      } else this.notices.push(`Could not create ${this.path}: ${why} Until then nothing can be saved.`);
    }
    this.version = read?.version ?? (await fileVersion(this.path));
  }

  /** The valid, current-version document in `raw`, or what is wrong with it. Pure: touches no file. */
  private parse(raw: string): { doc: StoreDocument; migratedFrom?: number } | { problem: string; newer?: boolean } {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (e) {
      return { problem: `it is not valid JSON: ${(e as Error).message}` };
    }
    const migrated = migrate(parsed);
    if (!migrated.ok) return { problem: migrated.reason, newer: migrated.newer };
    const valid = validateStoreDocument(migrated.doc);
    if (!valid.ok) return { problem: valid.reason };
    return { doc: valid.doc, migratedFrom: migrated.migratedFrom };
  }

  /** Reloads if another process changed the file since this one last read or wrote it. */
  private async syncFromDisk(): Promise<void> {
    if ((await fileVersion(this.path)) !== this.version || this.broken) await this.load(false);
  }

  /** The current document (reloaded if it changed on disk); callers must not mutate it. */
  async read(): Promise<Readonly<StoreDocument>> {
    await this.queue;
    await this.syncFromDisk();
    return this.db.data;
  }

  /**
   * Applies `change` to a copy of the current document and writes it; changes run one at a time.
   *
   * If `change` throws or the write fails, the in-memory document stays as it was on disk.
   */
  update<T>(change: (doc: StoreDocument) => T | Promise<T>): Promise<T> {
    // The lock spans the reload and the write: another process's change lands wholly before or after this one.
    const run = () => withWriteLock(this.lockPath, () => this.applyChange(change));
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async applyChange<T>(change: (doc: StoreDocument) => T | Promise<T>): Promise<T> {
    await this.syncFromDisk();
    if (this.broken) throw new AppException({ code: 'storage-failed', message: this.broken });
    if (this.readOnly) throw new AppException({ code: 'storage-unwritable', message: this.readOnly });
    const draft = structuredClone(this.db.data);
    const result = await change(draft);
    const before = this.db.data;
    this.db.data = draft;
    try {
      await this.db.write();
    } catch (e) {
      this.db.data = before;
      throw unwritable(this.dir, 'your webhooks and settings', e);
    }
    this.version = await fileVersion(this.path);
    return result;
  }
}
