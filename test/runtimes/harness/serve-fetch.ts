import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Listening } from './listen';

/** Serves a Fetch handler on Node (node:http through @hono/node-server) on a free loopback port. */
export function serveFetch(fetch: (request: Request) => Response | Promise<Response>): Promise<Listening> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        baseUrl: `http://127.0.0.1:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
