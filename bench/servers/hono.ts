import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Webhooks, createWebMiddleware } from '@octokit/webhooks';
import { Hono } from 'hono';
import { mtaWebhooks } from 'sms-webhooks/fetch';
import { BENCH_SECRET } from '../deliveries.js';
import { count } from './express.js';
import { FLOOR_BODY, FLOOR_HEADERS, verifyAndParse } from './floor.js';
import type { BenchServer } from './types.js';

/** Hono on @hono/node-server: a bare route that only reads the body, our Fetch entry, and octokit's web middleware. */
export const honoServers: Record<string, () => Promise<BenchServer>> = {
  'hono-bare': () => {
    const counter = count();
    return listen(new Hono().post('/hook', async (c) => {
      await c.req.text();
      counter.add();
      return c.json({ ok: true });
    }), counter);
  },
  'hono-floor': () => {
    // The least a verifying route does (HMAC, compare, JSON.parse), nothing else.
    const counter = count();
    return listen(new Hono().post('/hook', async (c) => {
      verifyAndParse(new Uint8Array(await c.req.arrayBuffer()), c.req.header('x-signature'));
      counter.add();
      return new Response(FLOOR_BODY, { status: 200, headers: FLOOR_HEADERS });
    }), counter);
  },
  'hono-mta': () => {
    const counter = count();
    const handler = mtaWebhooks({ secret: BENCH_SECRET, handlers: { 'delivery-status': counter.add } });
    return listen(new Hono().post('/hook', (c) => handler(c.req.raw)), counter);
  },
  'hono-octokit': () => {
    const counter = count();
    const webhooks = new Webhooks({ secret: BENCH_SECRET });
    webhooks.on('ping', counter.add);
    const middleware = createWebMiddleware(webhooks, { path: '/hook' });
    return listen(new Hono().post('/hook', (c) => middleware(c.req.raw) as Promise<Response>), counter);
  },
};

function listen(app: Hono, counter: { value: () => number }): Promise<BenchServer> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
      resolve({ port: (server.address() as AddressInfo).port, handled: async () => counter.value() }),
    );
  });
}
