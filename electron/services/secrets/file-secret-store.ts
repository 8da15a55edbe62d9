/**
 * Secrets kept as ciphertext in `secrets.json` in the data folder, separate from the lowdb file.
 *
 * The cipher is the platform's: Electron's safeStorage (OS keychain) in the app; AES-256-GCM with a key from
 * the environment (HOOKSMITH_SECRET_KEY) in browser mode and the CLI. Either way the key is not kept beside
 * the file, so a copied or synced data folder holds only ciphertext.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { removeDeadTemps, writeFileAtomic } from '../storage/atomic-file';
import { withWriteLock } from '../storage/write-lock';
import type { SecretStore } from './secret-store';

/** Turns plain text into a versioned, self-describing ciphertext string and back. */
export interface SecretCipher {
  readonly description: string;
  /** May be asynchronous: Electron's safeStorage is (its synchronous calls are deprecated). */
  seal(plain: string): string | Promise<string>;
  /** Throws with a message for the user when the ciphertext cannot be opened (wrong key, tampering). */
  open(sealed: string): string | Promise<string>;
}

/** AES-256-GCM with a key derived from a passphrase (HOOKSMITH_SECRET_KEY). */
export class AesGcmCipher implements SecretCipher {
  readonly description =
    'Secrets are encrypted (AES-256-GCM) in secrets.json with the key from HOOKSMITH_SECRET_KEY, which is not stored beside them.';
  private readonly key: Buffer;

  constructor(passphrase: string) {
    // A passphrase of any length becomes a 256-bit key; the env var is the secret, so a fast hash suffices.
    this.key = createHash('sha256').update(`hooksmith-secrets:${passphrase}`).digest();
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['aes1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join(':');
  }

  open(sealed: string): string {
    const [version, iv, tag, data] = sealed.split(':');
    if (version !== 'aes1' || !iv || !tag || data === undefined) throw new Error('A stored secret is not in a format this version reads.');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw new Error('A stored secret cannot be decrypted: HOOKSMITH_SECRET_KEY differs from the one it was saved with.');
    }
  }
}

/**
 * The app, browser mode and the CLI may share one data folder, so the file is read afresh for every get and
 * every change, and each change rewrites only its own key: a process never writes back another's stale copy.
 * Secrets are few and small, so reading the file each time costs nothing that matters.
 */
export class FileSecretStore implements SecretStore {
  private writing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly cipher: SecretCipher,
  ) {}

  get description(): string {
    return this.cipher.description;
  }

  private async read(): Promise<Record<string, string>> {
    try {
      return JSON.parse(await readFile(this.file, 'utf8')) as Record<string, string>;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new Error(`Cannot read ${this.file}: ${(e as Error).message}`);
    }
  }

  /**
   * Re-reads, applies `change` to the fresh copy and writes it atomically and durably; changes in this process
   * queue up, and the file's write lock keeps another process's change from being overwritten (the app and the
   * CLI may save secrets at once).
   */
  private change(change: (all: Record<string, string>) => boolean): Promise<void> {
    const run = () =>
      withWriteLock(`${this.file}.lock`, async () => {
        // A writer killed between its temp file and the rename (a CLI, any time) left a copy of every sealed
        // secret, ones the user may delete or rotate since: swept at each change (one folder listing; changes are rare).
        await removeDeadTemps(this.file);
        const all = await this.read();
        if (change(all)) await writeFileAtomic(this.file, JSON.stringify(all, null, 2));
      });
    const next = this.writing.then(run, run);
    this.writing = next.catch(() => undefined);
    return next;
  }

  async get(id: string): Promise<string | undefined> {
    await this.writing;
    const sealed = (await this.read())[id];
    return sealed === undefined ? undefined : await this.cipher.open(sealed);
  }

  async set(id: string, value: string): Promise<void> {
    const sealed = await this.cipher.seal(value);
    await this.change((all) => {
      all[id] = sealed;
      return true;
    });
  }

  async delete(id: string): Promise<void> {
    await this.change((all) => {
      if (!(id in all)) return false;
      delete all[id];
      return true;
    });
  }
}
