import { httpsmsWebhooks, mtaWebhooks } from '../../../src/fastify';
import type { FastifyFactory } from '../../helpers/fastify';
import { createRecorder, receiverOptions } from './settings';

/** The fixture app on Fastify: both plugins registered as the README shows, and GET /handled. */
export function createFastifyApp(fastify: FastifyFactory) {
  const recorder = createRecorder();
  const options = receiverOptions(recorder);
  const app = fastify();
  app.register(mtaWebhooks, { path: '/webhooks/mta', ...options.mta });
  app.register(httpsmsWebhooks, { path: '/webhooks/httpsms', ...options.httpsms });
  app.get('/handled', async () => recorder.handled);
  return app;
}
