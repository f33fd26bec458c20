import { createServer, type RequestListener, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface SocketAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** Bytes of the body the client had written when the answer arrived. */
  bytesSent: number;
}

/** A server on a free loopback port, for tests that speak HTTP over a raw socket. */
export async function listen(app: RequestListener): Promise<{ server: Server; port: number; close: () => Promise<void> }> {
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * Sends a request head, then body pieces from `pieces` (one per `everyMs`, or until the answer comes), as a hostile
 * or slow client would, and reads the first answer. What the client could not send any more counts as not sent.
 */
export function sendOverSocket(
  port: number,
  head: { path: string; headers: Record<string, string> },
  pieces: Iterable<Buffer | string>,
  everyMs = 0,
): Promise<SocketAnswer> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, '127.0.0.1');
    const lines = [`POST ${head.path} HTTP/1.1`, 'Host: 127.0.0.1', ...Object.entries(head.headers).map(([name, value]) => `${name}: ${value}`)];
    let received = '';
    let bytesSent = 0;
    let answered = false;
    const iterator = pieces[Symbol.iterator]();
    const next = (): void => {
      if (answered || socket.destroyed) return;
      const piece = iterator.next();
      if (piece.done) return;
      const chunk = Buffer.from(piece.value);
      socket.write(chunk, (error) => {
        if (!error) bytesSent += chunk.length;
      });
      if (everyMs > 0) setTimeout(next, everyMs);
      else setImmediate(next);
    };
    socket.on('connect', () => {
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
      next();
    });
    socket.on('data', (data) => {
      received += data.toString('latin1');
      const split = received.indexOf('\r\n\r\n');
      if (split < 0 || answered) return;
      const [statusLine, ...headerLines] = received.slice(0, split).split('\r\n');
      const headers = Object.fromEntries(headerLines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
      const length = Number(headers['content-length'] ?? 0);
      const text = received.slice(split + 4);
      if (Buffer.byteLength(text, 'latin1') < length) return;
      answered = true;
      resolve({ status: Number(statusLine!.split(' ')[1]), headers, body: JSON.parse(text.slice(0, length)), bytesSent });
      socket.destroy();
    });
    socket.on('error', (error) => {
      if (!answered) reject(error);
    });
  });
}

/** Pieces of `size` bytes each, without end (a client that never stops sending). */
export function* endless(size: number): Generator<Buffer> {
  const piece = Buffer.alloc(size, 0x20);
  for (;;) yield piece;
}
