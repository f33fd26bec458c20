import express from 'express';
import request from 'supertest';
import { httpsmsWebhooks } from '../../src/express/httpsms';
import { mtaWebhooks } from '../../src/express/mta';
import { type DeliveryRecord, webhookInspector } from '../../src/inspector';
import { mtaFixture, signedMtaRequest } from '../../src/testing';
import { SECRET } from '../helpers/apps';
import { rawPost } from '../helpers/raw-post';
import { captureLogs } from '../helpers/log-capture';

// The inspector mounted in an ordinary Express app, as a developer would: it reads the routes' reports.
function setup(options: { keep?: number } = {}) {
  const quiet = captureLogs('fatal').logger;
  const handled: string[] = [];
  const mtaRoute = mtaWebhooks({ secret: SECRET, handlers: { 'delivery-status': (event) => void handled.push(event.type) } });
  const httpsmsRoute = httpsmsWebhooks({ signingKey: 'httpsms-key', logger: quiet });
  const inspector = webhookInspector({ receivers: [mtaRoute, httpsmsRoute], keep: options.keep, keys: { mta: SECRET }, echo: false });
  const app = express();
  app.use('/_inspector', inspector);
  app.post('/webhooks/mta', inspector.captureLogs, mtaRoute);
  app.post('/webhooks/httpsms', httpsmsRoute);
  return { app, inspector, handled };
}

const local = { Host: 'localhost' };
const list = async (app: express.Express) => (await request(app).get('/_inspector/api/deliveries').set(local)).body as { keep: number; deliveries: DeliveryRecord[] };

describe('webhookInspector', () => {
  it('shows a signed delivery: verdict, masked signature, exact body, payload, normalized view, log lines', async () => {
    const { app, handled } = setup();
    const sent = signedMtaRequest(mtaFixture('delivery-status'), SECRET);
    expect((await request(app).post('/webhooks/mta').set(sent.headers).send(sent.body)).status).toBe(200);
    const { keep, deliveries } = await list(app);
    expect(keep).toBe(500);
    expect(handled).toEqual(['delivery-status']);
    const [record] = deliveries;
    expect(record).toMatchObject({ id: 1, provider: 'mta', event: 'delivery-status', version: 3, status: 200, outcome: 'handled', body: sent.body });
    expect(record!.headers['x-signature']).toMatch(/^[0-9a-f]{6}•••• \(64 characters\)$/);
    expect(JSON.stringify(record)).not.toContain(sent.headers['X-Signature']);
    expect(record!.normalized).toMatchObject({ messageId: expect.any(String) });
    expect(record!.logs).toContainEqual(expect.objectContaining({ msg: 'webhook delivery handled', outcome: 'handled' }));
  });

  it('shows a body with a byte-order mark as it arrived, mark included', async () => {
    const { app } = setup();
    const body = `\uFEFF${JSON.stringify(mtaFixture('delivery-status', { unique: true }))}`;
    const sent = signedMtaRequest(body, SECRET);
    expect((await rawPost(app, '/webhooks/mta', sent.headers, body)).status).toBe(200);
    const [record] = (await list(app)).deliveries;
    expect(record!.body).toBe(body);
  });

  it('shows a forged delivery with its code and the likely cause', async () => {
    const { app } = setup();
    const body = JSON.stringify(mtaFixture('delivery-status'));
    await request(app).post('/webhooks/mta').set({ 'Content-Type': 'application/json', 'X-Signature': signedMtaRequest(body, 'other').headers['X-Signature'] }).send(body);
    const [record] = (await list(app)).deliveries;
    expect(record).toMatchObject({ status: 401, code: 'signature.invalid', outcome: 'rejected', diagnosis: expect.stringMatching(/^a different secret/) });
  });

  it('replays a delivery through the route: a second record, marked as a replay (and a duplicate)', async () => {
    const { app, handled } = setup();
    const sent = signedMtaRequest(mtaFixture('delivery-status'), SECRET);
    await request(app).post('/webhooks/mta').set(sent.headers).send(sent.body);
    const replayed = await request(app).post('/_inspector/api/deliveries/1/replay').set({ ...local, 'X-Inspector': '1' });
    expect(replayed.status).toBe(200);
    expect(replayed.body).toMatchObject({ id: 2, replayOf: 1, status: 200, outcome: 'duplicate', body: sent.body });
    expect(handled).toHaveLength(1);
  });

  it('replays through the route that answered: two MTA routes with two secrets, each replay its own record', async () => {
    const statusRoute = mtaWebhooks({ secret: 'secret-of-the-status-route', handlers: { 'delivery-status': () => {} } });
    const replyRoute = mtaWebhooks({ secret: 'secret-of-the-reply-route', handlers: { 'message-reply': () => {} } });
    // One delivery through each route, listed in both orders: a replay sent to the first or to the last MTA route
    // listed would get a 401 for one of them.
    const inspector = webhookInspector({ receivers: [replyRoute, statusRoute], echo: false });
    const app = express();
    app.use('/_inspector', inspector);
    app.post('/webhooks/mta-status', statusRoute);
    app.post('/webhooks/mta-replies', replyRoute);
    const sent = signedMtaRequest(mtaFixture('delivery-status'), 'secret-of-the-status-route');
    expect((await request(app).post('/webhooks/mta-status').set(sent.headers).send(sent.body)).status).toBe(200);
    const replay = () => request(app).post('/_inspector/api/deliveries/1/replay').set({ ...local, 'X-Inspector': '1' });
    const [first, second] = await Promise.all([replay(), replay()]);
    expect(first!.status).toBe(200);
    expect(first!.body).toMatchObject({ replayOf: 1, status: 200, outcome: 'duplicate' });
    expect(second!.body).toMatchObject({ replayOf: 1, status: 200, outcome: 'duplicate' });
    // Each answer is its own replay, not whichever finished last.
    expect([first!.body.id, second!.body.id].sort()).toEqual([2, 3]);
    const reply = signedMtaRequest(mtaFixture('message-reply'), 'secret-of-the-reply-route');
    expect((await request(app).post('/webhooks/mta-replies').set(reply.headers).send(reply.body)).status).toBe(200);
    const replayedReply = await request(app).post('/_inspector/api/deliveries/4/replay').set({ ...local, 'X-Inspector': '1' });
    expect(replayedReply.body).toMatchObject({ replayOf: 4, event: 'message-reply', status: 200, outcome: 'duplicate' });
    inspector.close();
  });

  it('copies as curl with the real header values, and saves the exact bytes as a fixture', async () => {
    const { app } = setup();
    const sent = signedMtaRequest(mtaFixture('message-reply'), SECRET);
    await request(app).post('/webhooks/mta').set(sent.headers).send(sent.body);
    const curl = await request(app).get('/_inspector/api/deliveries/1/curl').set(local);
    expect(curl.text).toContain(`-H 'x-signature: ${sent.headers['X-Signature']}'`);
    expect(curl.text).toContain("curl -i -X POST 'http://localhost/webhooks/mta'");
    const fixture = await request(app).get('/_inspector/api/deliveries/1/fixture').set(local).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(fixture.headers['content-disposition']).toBe('attachment; filename="mta-message-reply-v3-1.json"');
    expect((fixture.body as Buffer).toString()).toBe(sent.body);
  });

  it('sends a signed sample of any event and version, and an unsigned one where it has no key', async () => {
    const { app } = setup();
    const action = (body: object) => request(app).post('/_inspector/api/samples').set({ ...local, 'X-Inspector': '1' }).send(body);
    expect((await action({ provider: 'mta', event: 'number-opt-in', version: 1 })).status).toBe(200);
    expect((await action({ provider: 'httpsms', event: 'message.phone.sent' })).status).toBe(200);
    expect((await action({ provider: 'mta', event: 'no-such-event' })).status).toBe(400);
    const [httpsms, mta] = (await list(app)).deliveries;
    // V1 and V2 opt-ins have the same shape: the receiver reports both versions.
    expect(mta).toMatchObject({ sample: true, event: 'number-opt-in', version: [1, 2], status: 200 });
    expect(httpsms).toMatchObject({ sample: true, status: 401, code: 'signature.missing' });
  });

  it('keeps the last N deliveries only', async () => {
    const { app } = setup({ keep: 2 });
    for (let index = 0; index < 3; index += 1) {
      const sent = signedMtaRequest(mtaFixture('delivery-status', { unique: true }), SECRET);
      await request(app).post('/webhooks/mta').set(sent.headers).send(sent.body);
    }
    expect((await list(app)).deliveries.map((record) => record.id)).toEqual([3, 2]);
    expect((await request(app).get('/_inspector/api/deliveries/1/curl').set(local)).status).toBe(404);
  });

  it('answers this machine only, and takes actions only with the X-Inspector header', async () => {
    const { app } = setup();
    expect((await request(app).get('/_inspector/api/deliveries').set({ Host: 'rebound.example.com' })).status).toBe(403);
    expect((await request(app).post('/_inspector/api/samples').set(local).send({ provider: 'mta', event: 'message-send' })).status).toBe(403);
    const sent = signedMtaRequest(mtaFixture('delivery-status', { unique: true }), SECRET);
    await request(app).post('/webhooks/mta').set(sent.headers).send(sent.body);
    expect((await request(app).post('/_inspector/api/deliveries/1/replay').set(local)).status).toBe(403);
    // Refused actions did nothing: no sample, no replay, only the one real delivery.
    expect((await list(app)).deliveries.map((record) => record.id)).toEqual([1]);
  });

  it('refuses a request through a proxy or tunnel on this machine: loopback address and Host, but forwarded', async () => {
    const { app } = setup();
    const sent = signedMtaRequest(mtaFixture('delivery-status', { unique: true }), SECRET);
    await request(app).post('/webhooks/mta').set(sent.headers).send(sent.body);
    const proxied = [{ 'X-Forwarded-For': '203.0.113.7' }, { Forwarded: 'for=203.0.113.7' }, { 'X-Real-IP': '203.0.113.7' }];
    for (const headers of proxied) {
      for (const path of ['/_inspector/', '/_inspector/api/deliveries', '/_inspector/api/deliveries/1/curl']) {
        const answer = await request(app).get(path).set({ ...local, ...headers });
        expect(answer.status).toBe(403);
        expect(answer.text).toMatch(/answers only this machine .*came through a proxy or tunnel/);
        expect(answer.text).not.toContain(sent.headers['X-Signature']);
      }
    }
    expect((await request(app).get('/_inspector/api/deliveries/1/curl').set(local)).status).toBe(200);
  });

  it('refuses another address even with a localhost Host, and answers it with allowRemote', async () => {
    const fromTheLan = (inspector: express.RequestHandler) => {
      const app = express();
      // As if the connection came from the LAN: what the socket says is all the inspector can check.
      app.use((req, _res, next) => {
        Object.defineProperty(req.socket, 'remoteAddress', { value: '192.168.1.20', configurable: true });
        next();
      });
      app.use('/_inspector', inspector);
      return app;
    };
    const route = mtaWebhooks({ secret: SECRET });
    const closed = webhookInspector({ receivers: [route], echo: false });
    const refused = await request(fromTheLan(closed)).get('/_inspector/api/deliveries').set(local);
    expect(refused.status).toBe(403);
    expect(refused.text).toMatch(/answers only this machine .*another address/);
    const open = webhookInspector({ receivers: [route], allowRemote: true, echo: false });
    expect((await request(fromTheLan(open)).get('/_inspector/api/deliveries').set(local)).status).toBe(200);
    closed.close();
    open.close();
  });

  it('serves its page and script from the package, redirecting to the trailing slash', async () => {
    const { app } = setup();
    expect((await request(app).get('/_inspector').set(local)).headers.location).toBe('/_inspector/');
    const page = await request(app).get('/_inspector/').set(local);
    expect(page.text).toContain('<script src="./app.js"></script>');
    expect(page.text).not.toMatch(/https?:\/\//);
    expect((await request(app).get('/_inspector/app.js').set(local)).headers['content-type']).toMatch(/javascript/);
  });

  it('refuses NODE_ENV=production unless told, and checks its options', () => {
    const route = mtaWebhooks({ secret: SECRET });
    const before = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      expect(() => webhookInspector({ receivers: [route] })).toThrow(/refuses to run with NODE_ENV=production/);
      expect(() => webhookInspector({ receivers: [route], allowInProduction: true, echo: false }).close()).not.toThrow();
    } finally {
      process.env.NODE_ENV = before;
    }
    expect(() => webhookInspector({ receivers: [] })).toThrow(/Option "receivers"/);
    expect(() => webhookInspector({ receivers: [route], keep: 0 })).toThrow(/Option "keep"/);
  });
});
