import { Hono } from 'hono';
import { httpsmsWebhooks, mtaWebhooks } from '../../../src/fetch';
import { createRecorder, receiverOptions } from './settings';

/**
 * The fixture app on Hono. `parseFirst`: a middleware reads the JSON before the webhook route, as a validator
 * or a logging middleware would; the route then passes the context so the entry reads through Hono's body cache.
 */
export function createHonoApp({ parseFirst }: { parseFirst: boolean }) {
  const recorder = createRecorder();
  const options = receiverOptions(recorder);
  const mta = mtaWebhooks(options.mta);
  const httpsms = httpsmsWebhooks(options.httpsms);
  const app = new Hono();
  if (parseFirst) {
    app.use('/webhooks/*', async (c, next) => {
      await c.req.json().catch(() => undefined);
      await next();
    });
    app.post('/webhooks/mta', (c) => mta(c.req.raw, c));
    app.post('/webhooks/httpsms', (c) => httpsms(c.req.raw, c));
    // The mistake this guards against: the raw request after a middleware consumed it.
    app.post('/webhooks/mta-without-context', (c) => mta(c.req.raw));
  } else {
    app.post('/webhooks/mta', (c) => mta(c.req.raw));
    app.post('/webhooks/httpsms', (c) => httpsms(c.req.raw));
  }
  app.get('/handled', (c) => c.json(recorder.handled));
  return { app, close: () => Promise.all([mta.close(), httpsms.close()]) };
}
