import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { mtaWebhooks } from 'sms-webhooks/fastify';
import { BENCH_SECRET } from '../deliveries.js';
import { count } from './express.js';
import type { BenchServer } from './types.js';

/** Fastify 5: a bare route with Fastify's own JSON parser (no verification), and our plugin. */
export const fastifyServers: Record<string, () => Promise<BenchServer>> = {
  'fastify-bare': () => {
    const counter = count();
    const app = Fastify();
    app.post('/hook', async () => {
      counter.add();
      return { ok: true };
    });
    return listen(app, counter);
  },
  'fastify-mta': () => {
    const counter = count();
    const app = Fastify();
    app.register(mtaWebhooks, { path: '/hook', secret: BENCH_SECRET, handlers: { 'delivery-status': counter.add } });
    return listen(app, counter);
  },
};

async function listen(app: ReturnType<typeof Fastify>, counter: { value: () => number }): Promise<BenchServer> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { port: (app.server.address() as AddressInfo).port, handled: async () => counter.value() };
}
