/**
 * Where secret values are kept, by opaque id. One implementation per platform:
 * Electron's safeStorage in the app, an env-keyed encrypted file (or memory) in browser mode and the CLI.
 */
export interface SecretStore {
  /** Plain text of a stored secret, or undefined if unknown (e.g. a memory store after a restart). */
  get(id: string): Promise<string | undefined>;
  set(id: string, value: string): Promise<void>;
  delete(id: string): Promise<void>;
  /** One sentence for the user: how secrets are protected here. */
  readonly description: string;
  /** Set when secrets will not survive a restart, so the UI can say so once. */
  readonly notice?: string;
}

/** Keeps secrets for this process only. Used when no encryption key is available, and in tests. */
export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, string>();
  constructor(
    readonly description = 'Secrets are kept in memory for this session only.',
    readonly notice?: string,
  ) {}
  async get(id: string): Promise<string | undefined> {
    return this.values.get(id);
  }
  async set(id: string, value: string): Promise<void> {
    this.values.set(id, value);
  }
  async delete(id: string): Promise<void> {
    this.values.delete(id);
  }
}
