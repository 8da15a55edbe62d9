/** Electron's safeStorage (the OS keychain) as the cipher of the app's secret file. */
import { safeStorage } from 'electron';
import type { SecretCipher } from '../services/secrets/file-secret-store';

export class SafeStorageCipher implements SecretCipher {
  readonly description = 'Secrets are encrypted with your operating system\'s keychain (Electron safeStorage) in secrets.json.';

  /**
   * Whether a real keychain backs safeStorage. On Linux without GNOME Keyring or KWallet, Electron falls back to
   * `basic_text`: "encrypted" with a password built into Chromium, which protects nothing; the app then keeps
   * typed secrets in memory and says so, and `${env:NAME}` references work as always.
   */
  static async available(): Promise<boolean> {
    if (!(await safeStorage.isAsyncEncryptionAvailable())) return false;
    return !(process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text');
  }

  // The asynchronous calls: the synchronous ones are deprecated and can block the main process on a keychain prompt.
  async seal(plain: string): Promise<string> {
    return `ss1:${(await safeStorage.encryptStringAsync(plain)).toString('base64')}`;
  }

  async open(sealed: string): Promise<string> {
    if (!sealed.startsWith('ss1:')) throw new Error('A stored secret is not in a format this version reads.');
    return (await safeStorage.decryptStringAsync(Buffer.from(sealed.slice(4), 'base64'))).result;
  }
}
