/**
 * A receiver endpoint that holds each request until released, and says when one has arrived: tests act on
 * "the request is at the server" (an order), never on "some milliseconds have passed" (a guess that fails
 * on a busy machine).
 */
import type { Mockttp, MockedEndpoint } from 'mockttp';

export interface HeldEndpoint {
  endpoint: MockedEndpoint;
  /** Resolves when the first request has reached the server. */
  reached: Promise<void>;
  /** Lets every held request go (answered 200), so the receiver can stop or reset. */
  release(): void;
}

/** Registers `POST path` on `server`; call `release()` when the test is done with it (e.g. in `finally`). */
export async function heldEndpoint(server: Mockttp, path: string): Promise<HeldEndpoint> {
  let arrived!: () => void;
  const reached = new Promise<void>((r) => (arrived = r));
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  const endpoint = await server.forPost(path).thenCallback(async () => {
    arrived();
    await held;
    return { statusCode: 200 };
  });
  return { endpoint, reached, release };
}
