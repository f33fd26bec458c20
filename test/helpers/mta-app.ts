import type { Express } from 'express';
import { mtaWebhooks } from '../../src/express/mta';
import type { MtaEvent } from '../../src/mta/events';
import type { MtaReceiverOptions } from '../../src/mta/options';
import { SECRET, type ExpressFactory } from './apps';

export interface RecordingApp {
  app: Express;
  /** Every event a handler received, in order. */
  handled: MtaEvent[];
}

/**
 * A realistic host app: its own middleware and routes around the webhook route. `before` installs whatever
 * the user's app runs ahead of the route (a global body parser, for instance).
 */
export function mtaApp(
  express: ExpressFactory,
  options: Partial<MtaReceiverOptions> = {},
  before: (app: Express) => void = () => {},
): RecordingApp {
  const handled: MtaEvent[] = [];
  const record = (event: MtaEvent) => {
    handled.push(event);
  };
  const app = express();
  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    res.setHeader('X-Request-Id', 'req-1');
    next();
  });
  before(app);
  app.get('/health', (_req, res) => {
    res.json({ ok: true });
  });
  app.post(
    '/webhooks/mta',
    mtaWebhooks({
      secret: SECRET,
      handlers: { 'delivery-status': record, 'message-reply': record, 'number-opt-in': record },
      ...options,
    }),
  );
  return { app, handled };
}

/** The error body every refusal has. */
export function expectError(response: { status: number; body: unknown; headers: Record<string, string> }, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.body).toEqual({ error: { code, message: expect.any(String) } });
}
