import request from 'supertest';
import { gzipSync } from 'node:zlib';
import { signMtaPayload } from '../../src/mta/signature';
import { mtaFixture, signedMtaRequest } from '../../src/testing';
import { EXPRESS_VERSIONS, SECRET } from '../helpers/apps';
import { expectError, mtaApp } from '../helpers/mta-app';
import { rawPost } from '../helpers/raw-post';

// The answers table of the README / DESIGN.md, row by row, on Express 5 and Express 4.
describe.each(EXPRESS_VERSIONS)('%s: the answers table', (_name, express) => {
  it('200 {"ok":true} for a verified event, after its handler ran with the typed event', async () => {
    const { app, handled } = mtaApp(express);
    const { body, headers } = signedMtaRequest(mtaFixture('delivery-status'), SECRET);
    const response = await request(app).post('/webhooks/mta').set(headers).send(body);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ ok: true });
    expect(handled).toHaveLength(1);
    expect(handled[0]).toMatchObject({ type: 'delivery-status', version: 3, normalized: { status: { name: 'DELIVERED' } } });
  });

  it('200 for a valid event that has no handler (MTA must not retry it)', async () => {
    const { app, handled } = mtaApp(express);
    const { body, headers } = signedMtaRequest(mtaFixture('message-send'), SECRET);
    const response = await request(app).post('/webhooks/mta').set(headers).send(body);
    expect(response.status).toBe(200);
    expect(handled).toHaveLength(0);
  });

  it('400 payload.invalid_json for a signed body that is not JSON', async () => {
    const { app, handled } = mtaApp(express);
    const { body, headers } = signedMtaRequest('{"status": 4,', SECRET);
    expectError(await request(app).post('/webhooks/mta').set(headers).send(body), 400, 'payload.invalid_json');
    expect(handled).toHaveLength(0);
  });

  it('401 signature.missing without X-Signature', async () => {
    const { app, handled } = mtaApp(express);
    const response = await request(app).post('/webhooks/mta').type('json').send(JSON.stringify(mtaFixture('delivery-status')));
    expectError(response, 401, 'signature.missing');
    expect(handled).toHaveLength(0);
  });

  it('401 signature.invalid for a signature made with another secret, without echoing any signature', async () => {
    const { app, handled } = mtaApp(express);
    const { body, headers } = signedMtaRequest(mtaFixture('delivery-status'), 'another-secret');
    const response = await request(app).post('/webhooks/mta').set(headers).send(body);
    expectError(response, 401, 'signature.invalid');
    expect(response.text).not.toContain(headers['X-Signature']);
    expect(response.text).not.toContain(signMtaPayload(body, SECRET));
    expect(response.text).not.toContain(SECRET);
    expect(handled).toHaveLength(0);
  });

  it('401 signature.invalid when one byte of the body changed after signing', async () => {
    const { app, handled } = mtaApp(express);
    const { body, headers } = signedMtaRequest(mtaFixture('delivery-status'), SECRET);
    expectError(await request(app).post('/webhooks/mta').set(headers).send(`${body}\n`), 401, 'signature.invalid');
    expect(handled).toHaveLength(0);
  });

  it('413 body.too_large over the limit option, and the connection is not reused', async () => {
    const { app, handled } = mtaApp(express, { limit: '1kb' });
    const { body, headers } = signedMtaRequest(mtaFixture('delivery-status', { extra: { padding: 'x'.repeat(2000) } }), SECRET);
    const response = await request(app).post('/webhooks/mta').set(headers).send(body);
    expectError(response, 413, 'body.too_large');
    expect(response.headers.connection).toBe('close');
    expect(handled).toHaveLength(0);
  });

  it('415 body.unsupported_encoding for a gzip body', async () => {
    const { app, handled } = mtaApp(express);
    const compressed = gzipSync(JSON.stringify(mtaFixture('delivery-status')));
    const response = await rawPost(
      app,
      '/webhooks/mta',
      { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'X-Signature': signMtaPayload(compressed, SECRET) },
      compressed,
    );
    expectError(response as never, 415, 'body.unsupported_encoding');
    expect(handled).toHaveLength(0);
  });

  it('415 body.unsupported_encoding for a declared non-UTF-8 charset', async () => {
    const { app, handled } = mtaApp(express);
    const { body, headers } = signedMtaRequest(mtaFixture('delivery-status'), SECRET);
    const response = await request(app)
      .post('/webhooks/mta')
      .set({ ...headers, 'Content-Type': 'application/json; charset=iso-8859-1' })
      .send(body);
    expectError(response, 415, 'body.unsupported_encoding');
    expect(handled).toHaveLength(0);
  });

  it('415 body.unsupported_encoding for signed bytes that are not UTF-8', async () => {
    const { app, handled } = mtaApp(express);
    const latin1 = Buffer.from(JSON.stringify(mtaFixture('message-reply', { overrides: { message: 'Grüße' } })), 'latin1');
    const { headers } = signedMtaRequest(latin1, SECRET);
    const response = await rawPost(app, '/webhooks/mta', headers, latin1);
    expectError(response as never, 415, 'body.unsupported_encoding');
    expect(handled).toHaveLength(0);
  });

  it('422 payload.unknown_event for signed JSON that is no MTA event', async () => {
    const { app, handled } = mtaApp(express);
    const { body, headers } = signedMtaRequest({ hello: 'world' }, SECRET);
    expectError(await request(app).post('/webhooks/mta').set(headers).send(body), 422, 'payload.unknown_event');
    expect(handled).toHaveLength(0);
  });

  it('422 payload.invalid for an event that fails its schema, naming the field but not its value', async () => {
    const { app, handled } = mtaApp(express);
    const { body, headers } = signedMtaRequest(mtaFixture('delivery-status', { overrides: { toNumber: 5555550199 as never } }), SECRET);
    const response = await request(app).post('/webhooks/mta').set(headers).send(body);
    expectError(response, 422, 'payload.invalid');
    expect(response.body.error.message).toMatch(/toNumber/);
    expect(response.text).not.toContain('5555550199');
    expect(handled).toHaveLength(0);
  });

  it('500 handler.failed when a handler throws, so MTA retries; the answer holds no stack and no handler message', async () => {
    const app = express();
    let calls = 0;
    app.post(
      '/webhooks/mta',
      (await import('../../src/express/mta')).mtaWebhooks({
        secret: SECRET,
        handlers: {
          'delivery-status': async () => {
            calls += 1;
            throw new Error('database down at 10.0.0.5 for +15555550123');
          },
        },
      }),
    );
    const { body, headers } = signedMtaRequest(mtaFixture('delivery-status'), SECRET);
    const response = await request(app).post('/webhooks/mta').set(headers).send(body);
    expectError(response, 500, 'handler.failed');
    expect(calls).toBe(1);
    expect(response.text).not.toMatch(/database|5555550123|at .*\.ts/);
  });

  it('leaves the host app alone: its other routes and middleware still work', async () => {
    const { app } = mtaApp(express);
    const response = await request(app).get('/health');
    expect(response.status).toBe(200);
    expect(response.headers['x-request-id']).toBe('req-1');
  });
});
