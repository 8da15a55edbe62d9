/**
 * A {@link SecretCipher} whose seal/open run on the main thread: Electron's safeStorage (the OS keychain) exists
 * only in the main process, while the secret file itself is read and written by the backend's worker thread.
 */
import type { SecretCipher } from '../services/secrets/file-secret-store';
import type { FromWorker, ToWorker } from './thread-protocol';

type CipherReply = Extract<ToWorker, { type: 'cipher-reply' }>;

export class RelayCipher implements SecretCipher {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (text: string) => void; reject: (e: Error) => void }>();

  constructor(
    readonly description: string,
    private readonly post: (message: FromWorker) => void,
  ) {}

  seal(plain: string): Promise<string> {
    return this.ask('seal', plain);
  }

  open(sealed: string): Promise<string> {
    return this.ask('open', sealed);
  }

  /** Settles the seal or open that `reply` answers; the main thread's error message reaches the user as it was. */
  answer(reply: CipherReply): void {
    const waiter = this.waiting.get(reply.id);
    if (!waiter) return;
    this.waiting.delete(reply.id);
    if (reply.ok) waiter.resolve(reply.text);
    else waiter.reject(new Error(reply.message));
  }

  private ask(op: 'seal' | 'open', text: string): Promise<string> {
    const id = this.nextId++;
    return new Promise<string>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.post({ type: 'cipher', id, op, text });
    });
  }
}
