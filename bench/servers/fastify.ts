import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { mtaWebhooks } from 'sms-webhooks/fastify';
import { BENCH_SECRET } from '../deliveries.js';
import { count } from './express.js';
import { FLOOR_BODY, FLOOR_HEADERS, verifyAndParse } from './floor.js';
import type { BenchServer } from './types.js';

/** Fastify 5: a bare route with Fastify's own JSON parser (no verification), the verifying floor, and our plugin. */
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
  'fastify-floor': () => {
    // The least a verifying route does (HMAC, compare, JSON.parse) on the bytes Fastify's own reader collected.
    const counter = count();
    const app = Fastify();
    app.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
      scope.post('/hook', async (request, reply) => {
        verifyAndParse(request.body as Buffer, request.headers['x-signature'] as string | undefined);
        counter.add();
        return reply.code(200).headers(FLOOR_HEADERS).send(FLOOR_BODY);
      });
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
