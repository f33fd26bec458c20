import type { Express } from 'express';
import request from 'supertest';
import { gzipSync } from 'node:zlib';
import { httpsmsWebhooks } from '../../src/express/httpsms';
import { mtaWebhooks } from '../../src/express/mta';
import { EXPRESS_VERSIONS, SECRET, type ExpressFactory } from '../helpers/apps';
import { expectError } from '../helpers/mta-app';
import { AUDIENCE, PROVIDERS, SIGNING_KEY, type ProviderDriver } from '../helpers/providers';
import { rawPost } from '../helpers/raw-post';

/** One app, both providers on their own routes, each with one handler that records what it got. */
function bothProviders(express: ExpressFactory, before: (app: Express) => void = () => {}) {
  const handled: Array<{ provider: string; type: string }> = [];
  let failNext = false;
  const record = (event: { provider: string; type: string }) => {
    if (failNext) {
      failNext = false;
      throw new Error('downstream unavailable');
    }
    handled.push(event);
  };
  const app = express();
  before(app);
  app.post('/webhooks/mta', mtaWebhooks({ secret: SECRET, limit: '4kb', handlers: { 'delivery-status': record } }));
  app.post('/webhooks/httpsms', httpsmsWebhooks({ signingKey: SIGNING_KEY, audience: AUDIENCE, limit: '4kb', handlers: { 'message.phone.received': record } }));
  return { app, handled, failOnce: () => (failNext = true) };
}

describe.each(EXPRESS_VERSIONS)('%s: MTA and httpSMS side by side, the whole answers table', (_name, express) => {
  describe.each(PROVIDERS.map((driver) => [driver.name, driver] as const))('%s route', (_provider, driver: ProviderDriver) => {
    const send = async (app: Express, body: string, headers?: Record<string, string>) =>
      request(app).post(driver.path).set(headers ?? (await driver.sign(body))).send(body);

    it('200 for a handled event; the handler saw it', async () => {
      const { app, handled } = bothProviders(express);
      const response = await send(app, JSON.stringify(driver.handledEvent()));
      expect(response.status).toBe(200);
      expect(handled).toEqual([expect.objectContaining({ provider: driver.name })]);
    });

    it('200 for a valid event without handler', async () => {
      const { app, handled } = bothProviders(express);
      const event = driver.unhandledEvent();
      const response = await request(app).post(driver.path).set(await driver.sign(JSON.stringify(event), String(event.type))).send(JSON.stringify(event));
      expect(response.status).toBe(200);
      expect(handled).toHaveLength(0);
    });

    it('400 payload.invalid_json', async () => {
      const { app, handled } = bothProviders(express);
      expectError(await send(app, '{"type":'), 400, 'payload.invalid_json');
      expect(handled).toHaveLength(0);
    });

    it('401 signature.missing', async () => {
      const { app, handled } = bothProviders(express);
      const headers = await driver.sign('{}');
      delete headers[driver.authHeader];
      expectError(await send(app, JSON.stringify(driver.handledEvent()), headers), 401, 'signature.missing');
      expect(handled).toHaveLength(0);
    });

    it('401 signature.invalid', async () => {
      const { app, handled } = bothProviders(express);
      const body = JSON.stringify(driver.handledEvent());
      expectError(await send(app, body, await driver.signWrongly(body)), 401, 'signature.invalid');
      expect(handled).toHaveLength(0);
    });

    it('413 body.too_large', async () => {
      const { app, handled } = bothProviders(express);
      expectError(await send(app, JSON.stringify({ ...driver.handledEvent(), padding: 'x'.repeat(5000) })), 413, 'body.too_large');
      expect(handled).toHaveLength(0);
    });

    it('415 body.unsupported_encoding for gzip and for bytes that are not UTF-8', async () => {
      const { app, handled } = bothProviders(express);
      const gzip = gzipSync(JSON.stringify(driver.handledEvent()));
      const zipped = await rawPost(app, driver.path, { ...(await driver.sign(gzip)), 'Content-Encoding': 'gzip' }, gzip);
      expectError(zipped as never, 415, 'body.unsupported_encoding');
      const latin1 = Buffer.from(JSON.stringify({ ...driver.handledEvent(), note: 'café' }), 'latin1');
      expectError((await rawPost(app, driver.path, await driver.sign(latin1), latin1)) as never, 415, 'body.unsupported_encoding');
      expect(handled).toHaveLength(0);
    });

    it('422 payload.unknown_event and payload.invalid', async () => {
      const { app, handled } = bothProviders(express);
      expectError(await send(app, JSON.stringify({ hello: 'world' })), 422, 'payload.unknown_event');
      expectError(await send(app, JSON.stringify(driver.invalidEvent())), 422, 'payload.invalid');
      expect(handled).toHaveLength(0);
    });

    it('500 handler.failed when the handler throws; the retry is handled', async () => {
      const { app, handled, failOnce } = bothProviders(express);
      failOnce();
      const body = JSON.stringify(driver.handledEvent());
      expectError(await send(app, body), 500, 'handler.failed');
      expect((await send(app, body)).status).toBe(200);
      expect(handled).toHaveLength(1);
    });

    it('500 config.body_already_parsed after a plain express.json()', async () => {
      const { app, handled } = bothProviders(express, (host) => host.use(express.json()));
      expectError(await send(app, JSON.stringify(driver.handledEvent())), 500, 'config.body_already_parsed');
      expect(handled).toHaveLength(0);
    });
  });
});
