import request from 'supertest';
import { rawBodySaver } from '../../src/express/raw-body-saver';
import { mtaFixture, signedMtaRequest } from '../../src/testing';
import { EXPRESS_VERSIONS, SECRET } from '../helpers/apps';
import { captureLogs } from '../helpers/log-capture';
import { expectError, mtaApp } from '../helpers/mta-app';

// The route must work whatever the host app runs before it, or fail closed with an answer that names the fix.
describe.each(EXPRESS_VERSIONS)('%s: composition with the host app', (_name, express) => {
  const delivery = () => signedMtaRequest(mtaFixture('delivery-status'), SECRET);

  it('(a) with nothing before it: reads the stream itself', async () => {
    const { app, handled } = mtaApp(express);
    const { body, headers } = delivery();
    expect((await request(app).post('/webhooks/mta').set(headers).send(body)).status).toBe(200);
    expect(handled).toHaveLength(1);
  });

  it('(b) after a global express.json({ verify: rawBodySaver }): verifies the kept bytes', async () => {
    const { app, handled } = mtaApp(express, {}, (host) => host.use(express.json({ verify: rawBodySaver })));
    // Spacing that JSON.stringify would not reproduce: only the kept bytes can verify.
    const spaced = JSON.stringify(mtaFixture('delivery-status'), null, 2);
    const { body, headers } = signedMtaRequest(spaced, SECRET);
    expect((await request(app).post('/webhooks/mta').set(headers).send(body)).status).toBe(200);
    expect(handled).toHaveLength(1);
  });

  it('(c) after express.raw(): uses the Buffer body', async () => {
    const { app, handled } = mtaApp(express, {}, (host) => host.use(express.raw({ type: '*/*' })));
    const { body, headers } = delivery();
    expect((await request(app).post('/webhooks/mta').set(headers).send(body)).status).toBe(200);
    expect(handled).toHaveLength(1);
  });

  it('(c) after express.text(): uses the UTF-8 text body, non-ASCII included', async () => {
    const { app, handled } = mtaApp(express, {}, (host) => host.use(express.text({ type: '*/*' })));
    const { body, headers } = signedMtaRequest(mtaFixture('message-reply', { overrides: { message: 'Grüße 👍' } }), SECRET);
    expect((await request(app).post('/webhooks/mta').set(headers).send(body)).status).toBe(200);
    expect(handled[0]?.normalized).toMatchObject({ message: 'Grüße 👍' });
  });

  it('(d) after a plain express.json(): 500 config.body_already_parsed at once, and a log line naming the fix', async () => {
    const logs = captureLogs();
    const { app, handled } = mtaApp(express, { logger: logs.logger }, (host) => host.use(express.json()));
    const { body, headers } = delivery();
    const response = await request(app).post('/webhooks/mta').set(headers).send(body);
    expectError(response, 500, 'config.body_already_parsed');
    expect(response.body.error.message).toMatch(/rawBodySaver/);
    expect(handled).toHaveLength(0);
    const line = logs.lines.find((entry) => entry.code === 'config.body_already_parsed');
    expect(line).toMatchObject({ level: 50, status: 500 });
    expect(String(line?.msg)).toMatch(/express\.json\(\{ verify: rawBodySaver \}\)/);
  });

  it('after a global express.json() that skipped the body (another content type): reads the stream', async () => {
    const { app, handled } = mtaApp(express, {}, (host) => host.use(express.json()));
    const { body, headers } = delivery();
    const response = await request(app).post('/webhooks/mta').set({ ...headers, 'Content-Type': 'text/plain' }).send(body);
    expect(response.status).toBe(200);
    expect(handled).toHaveLength(1);
  });

  it('after a stream consumer that kept nothing: 500 config.body_already_parsed, never a hang', async () => {
    const { app, handled } = mtaApp(express, {}, (host) =>
      host.use((req, _res, next) => {
        req.on('data', () => {}).on('end', () => next());
      }),
    );
    const { body, headers } = delivery();
    expectError(await request(app).post('/webhooks/mta').set(headers).send(body), 500, 'config.body_already_parsed');
    expect(handled).toHaveLength(0);
  });

  it('kept bytes over the route\'s own limit (below the parser\'s): 413 body.too_large', async () => {
    const { app, handled } = mtaApp(express, { limit: 200 }, (host) => host.use(express.json({ verify: rawBodySaver })));
    const { body, headers } = delivery();
    expectError(await request(app).post('/webhooks/mta').set(headers).send(body), 413, 'body.too_large');
    expect(handled).toHaveLength(0);
  });
});
