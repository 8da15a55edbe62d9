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

/**
 * Keeps nothing and says so: for the CLI without HOOKSMITH_SECRET_KEY, where a memory store would lose a typed
 * secret the moment the command exits while the saved webhook still pointed at it.
 */
export class RefusingSecretStore implements SecretStore {
  readonly description = 'Typed secrets cannot be kept: HOOKSMITH_SECRET_KEY is not set; ${env:NAME} references work.';
  async get(): Promise<string | undefined> {
    return undefined;
  }
  async set(): Promise<void> {
    throw new Error('the CLI cannot keep a typed secret without HOOKSMITH_SECRET_KEY (it would be gone when the command exits); write it as ${env:NAME}, or set HOOKSMITH_SECRET_KEY.');
  }
  async delete(): Promise<void> {}
}
