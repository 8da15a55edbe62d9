/**
 * A TCP server on loopback that does something raw with each socket: stays silent (a proxy that never
 * answers CONNECT), resets, or answers with something that is not HTTP. It counts the sockets still open on
 * its side, so tests can see whether the client let go of a connection.
 */
import net, { type AddressInfo } from 'node:net';

export interface RawPeer {
  port: number;
  /** Connections accepted so far. */
  accepted(): number;
  /** Connections the client has not closed yet. */
  open(): number;
  close(): Promise<void>;
}

export async function startRawPeer(onSocket: (s: net.Socket) => void = () => undefined): Promise<RawPeer> {
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer((s) => {
    accepted += 1;
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => sockets.delete(s));
    // Read (and drop) whatever arrives, so the client closing its side is seen as 'end', then 'close'.
    s.resume();
    onSocket(s);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    accepted: () => accepted,
    open: () => sockets.size,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((r) => server.close(() => r()));
    },
  };
}
