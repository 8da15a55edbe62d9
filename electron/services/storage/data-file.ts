/**
 * The single owner of `hooksmith.json`, the lowdb file holding webhooks and settings.
 *
 * lowdb rewrites the whole file on every write, which is fine for this small document (history lives in its
 * own append-only store). Loading migrates older schema versions (keeping a copy of the original) and
 * validates; a file that cannot be read as a valid document is moved aside to a timestamped backup and the
 * user is told. Nothing is ever wiped silently.
 */
import { copyFile, mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { CURRENT_SCHEMA_VERSION, emptyStoreDocument, validateStoreDocument, type StoreDocument } from '../../../shared/model/store-schema';
import { migrate } from '../../../shared/model/migrations/migrate';

export const DATA_FILE_NAME = 'hooksmith.json';

/** `2026-11-23T10-30-00-123Z`: sortable and valid in file names on every platform. */
function stamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

export class DataFile {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly db: Low<StoreDocument>,
    /** Messages for the user produced while opening (backups made, migrations run). */
    readonly notices: string[],
  ) {}

  /** Opens (or creates) the data file in `dir`. Throws only if the folder itself is unusable. */
  static async open(dir: string, now: () => Date = () => new Date()): Promise<DataFile> {
    await mkdir(dir, { recursive: true });
    const path = join(dir, DATA_FILE_NAME);
    const notices: string[] = [];
    const moveAside = async (why: string) => {
      const backup = join(dir, `hooksmith.corrupt-${stamp(now())}.json`);
      await rename(path, backup);
      notices.push(`Your data file could not be used (${why}). It was moved to ${backup} and Hooksmith started with an empty one; nothing was deleted.`);
    };

    let doc = emptyStoreDocument();
    let needsWrite = true;
    let raw: string | undefined;
    try {
      raw = await readFile(path, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') throw new Error(`Cannot read ${path} (${code ?? (e as Error).message}). Check its permissions; nothing was changed.`);
    }
    if (raw !== undefined) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch (e) {
        await moveAside(`it is not valid JSON: ${(e as Error).message}`);
      }
      if (parsed !== undefined) {
        const migrated = migrate(parsed);
        const valid = migrated.ok ? validateStoreDocument(migrated.doc) : migrated;
        if (!migrated.ok || !valid.ok) {
          await moveAside(migrated.ok ? (valid.ok ? '' : valid.reason) : migrated.reason);
        } else {
          doc = valid.doc;
          needsWrite = migrated.migratedFrom !== undefined;
          if (needsWrite) {
            const keep = join(dir, `hooksmith.v${migrated.migratedFrom}-backup-${stamp(now())}.json`);
            await copyFile(path, keep);
            notices.push(`Your data file was upgraded from version ${migrated.migratedFrom} to ${CURRENT_SCHEMA_VERSION}; the original is kept at ${keep}.`);
          }
        }
      }
    }
    const db = new Low<StoreDocument>(new JSONFile<StoreDocument>(path), doc);
    db.data = doc;
    if (needsWrite) await db.write();
    return new DataFile(db, notices);
  }

  /** A snapshot of the document; callers must not mutate it. */
  get data(): Readonly<StoreDocument> {
    return this.db.data;
  }

  /**
   * Applies `change` to a copy and writes it; changes run one at a time so concurrent calls never interleave.
   *
   * If `change` throws or the write fails, the in-memory document stays as it was on disk.
   */
  update<T>(change: (doc: StoreDocument) => T | Promise<T>): Promise<T> {
    const run = async () => {
      const draft = structuredClone(this.db.data);
      const result = await change(draft);
      const before = this.db.data;
      this.db.data = draft;
      try {
        await this.db.write();
      } catch (e) {
        this.db.data = before;
        throw e;
      }
      return result;
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
