/**
 * Platform choices for plain Node (browser mode and the CLI): where data lives and how secrets are kept.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { AesGcmCipher, FileSecretStore } from '../services/secrets/file-secret-store';
import { MemorySecretStore, RefusingSecretStore, type SecretStore } from '../services/secrets/secret-store';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The data folder: `--home`, else HOOKSMITH_HOME, else the platform's config folder
 * (`%APPDATA%\Hooksmith`, `~/Library/Application Support/Hooksmith`, `$XDG_CONFIG_HOME/hooksmith`).
 * The defaults match Electron's userData, so the app, browser mode and the CLI share one folder.
 */
export function resolveDataDir(flag: string | undefined, env: Env, platform: NodeJS.Platform = process.platform, cwd = process.cwd()): string {
  if (flag) return resolve(cwd, flag);
  if (env.HOOKSMITH_HOME) return resolve(cwd, env.HOOKSMITH_HOME);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Hooksmith');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Hooksmith');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Hooksmith');
}

/**
 * Encrypted file when HOOKSMITH_SECRET_KEY is set. Otherwise browser mode keeps typed secrets in memory (the
 * UI says so), and the CLI, which exits right away, refuses them with an error naming the field.
 */
export function nodeSecretStore(dataDir: string, env: Env, kind: 'web' | 'cli' = 'web'): SecretStore {
  const key = env.HOOKSMITH_SECRET_KEY;
  if (key) return new FileSecretStore(join(dataDir, 'secrets.json'), new AesGcmCipher(key));
  if (kind === 'cli') return new RefusingSecretStore();
  return new MemorySecretStore(
    'Secrets typed here are kept in memory until Hooksmith stops (HOOKSMITH_SECRET_KEY is not set); ${env:NAME} references always work.',
    'Secrets you type are kept for this session only: set HOOKSMITH_SECRET_KEY to keep them encrypted on disk, or write secret values as ${env:NAME}.',
  );
}
