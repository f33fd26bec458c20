import { FASTIFY_VERSIONS } from '../helpers/fastify';
import { createFastifyApp } from './apps/fastify-app';
import { itPassesTheAcceptanceTable } from './cases';
import { httpTarget, type Target } from './harness/target';

describe.each(FASTIFY_VERSIONS)('%s with sms-webhooks/fastify, listening on a port', (name, fastify) => {
  const app = createFastifyApp(fastify);
  let target: Target;
  beforeAll(async () => {
    target = httpTarget(name, await app.listen({ port: 0, host: '127.0.0.1' }));
  });
  afterAll(() => app.close());

  itPassesTheAcceptanceTable(() => target);
});
