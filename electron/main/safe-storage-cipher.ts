/** Electron's safeStorage (the OS keychain) as the cipher of the app's secret file. */
import { safeStorage } from 'electron';
import type { SecretCipher } from '../services/secrets/file-secret-store';

export class SafeStorageCipher implements SecretCipher {
  readonly description = 'Secrets are encrypted with your operating system\'s keychain (Electron safeStorage) in secrets.json.';

  static available(): boolean {
    return safeStorage.isEncryptionAvailable();
  }

  seal(plain: string): string {
    return `ss1:${safeStorage.encryptString(plain).toString('base64')}`;
  }

  open(sealed: string): string {
    if (!sealed.startsWith('ss1:')) throw new Error('A stored secret is not in a format this version reads.');
    return safeStorage.decryptString(Buffer.from(sealed.slice(4), 'base64'));
  }
}
