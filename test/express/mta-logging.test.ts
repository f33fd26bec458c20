import express from 'express';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import pinoHttp from 'pino-http';
import request from 'supertest';
import { mtaWebhooks } from '../../src/express/mta';
import { mtaFixture, signedMtaRequest } from '../../src/testing';
import { SECRET } from '../helpers/apps';
import { captureLogs } from '../helpers/log-capture';

const REPLY = mtaFixture('message-reply', { overrides: { message: 'my door code is 4417' } });
const PERSONAL = ['5555550123', '5555550100', 'my door code is 4417'];

function app(logger?: ReturnType<typeof captureLogs>['logger'], level: 'info' | 'debug' = 'debug') {
  const host = express();
  const handlers = { 'message-reply': () => {}, 'delivery-status': () => Promise.reject(new Error('db down')) };
  if (!logger) {
    const logs = captureLogs(level);
    host.use(pinoHttp({ logger: logs.logger, autoLogging: false }));
    host.post('/mta', mtaWebhooks({ secret: SECRET, handlers }));
    return { host, logs };
  }
  host.post('/mta', mtaWebhooks({ secret: SECRET, handlers, logger }));
  return { host };
}

describe('logging', () => {
  it('writes one info line per delivery: event, version, message id, outcome, duration', async () => {
    const logs = captureLogs('info');
    const { body, headers } = signedMtaRequest(mtaFixture('message-send'), SECRET);
    await request(app(logs.logger).host).post('/mta').set(headers).send(body);
    expect(logs.lines).toHaveLength(1);
    expect(logs.lines[0]).toMatchObject({
      level: 30,
      provider: 'mta',
      event: 'message-send',
      version: 3,
      messageId: '48213377',
      outcome: 'no_handler',
      durationMs: expect.any(Number),
    });
  });

  it('keeps phone numbers and message text out of every line above debug, and puts them at debug', async () => {
    const logs = captureLogs('debug');
    const { body, headers } = signedMtaRequest(REPLY, SECRET);
    await request(app(logs.logger).host).post('/mta').set(headers).send(body);
    const aboveDebug = logs.lines.filter((line) => Number(line.level) > 20).map((line) => JSON.stringify(line)).join('\n');
    expect(aboveDebug).toContain('"outcome":"handled"');
    for (const secret of PERSONAL) expect(aboveDebug).not.toContain(secret);
    const debug = logs.lines.find((line) => line.level === 20);
    expect(debug).toMatchObject({ from: '+15555550123', to: '+15555550100' });
    expect(JSON.stringify(debug)).not.toContain('my door code');
  });

  it('never logs the secret or a signature, at any level, even for refusals', async () => {
    const logs = captureLogs('trace');
    const good = signedMtaRequest(REPLY, SECRET);
    const bad = signedMtaRequest(REPLY, 'wrong-secret');
    const { host } = app(logs.logger);
    await request(host).post('/mta').set(good.headers).send(good.body);
    await request(host).post('/mta').set(bad.headers).send(bad.body);
    expect(logs.lines.some((line) => line.code === 'signature.invalid' && line.level === 40)).toBe(true);
    for (const secret of [SECRET, good.headers['X-Signature'], bad.headers['X-Signature']]) expect(logs.text()).not.toContain(secret);
  });

  it('logs a failed handler at error with its error, for the operator only', async () => {
    const logs = captureLogs('info');
    const { body, headers } = signedMtaRequest(mtaFixture('delivery-status'), SECRET);
    const response = await request(app(logs.logger).host).post('/mta').set(headers).send(body);
    expect(response.status).toBe(500);
    const line = logs.lines.find((entry) => entry.code === 'handler.failed');
    expect(line).toMatchObject({ level: 50, event: 'delivery-status', err: { message: 'db down' } });
  });

  it("uses pino-http's req.log when no logger option is given", async () => {
    const { host, logs } = app(undefined, 'info');
    const { body, headers } = signedMtaRequest(mtaFixture('message-send'), SECRET);
    await request(host).post('/mta').set(headers).send(body);
    const line = logs!.lines.find((entry) => entry.outcome === 'no_handler');
    expect(line).toMatchObject({ event: 'message-send', req: expect.any(Object) });
  });

  it('logs a client that closes mid-body at info as aborted, running nothing', async () => {
    const logs = captureLogs('info');
    let runs = 0;
    const host = express().post('/mta', mtaWebhooks({ secret: SECRET, logger: logs.logger, handlers: { 'delivery-status': () => void runs++ } }));
    const server = host.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    const client = httpRequest({ host: '127.0.0.1', port, path: '/mta', method: 'POST', headers: { 'content-length': '1000' } });
    client.on('error', () => {});
    client.write('{"toNumber":');
    await new Promise((resolve) => setTimeout(resolve, 50));
    client.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    server.close();
    expect(logs.lines).toEqual([expect.objectContaining({ level: 30, provider: 'mta', outcome: 'aborted' })]);
    expect(runs).toBe(0);
  });

  it('answers 500 and logs at error when something of ours fails unexpectedly', async () => {
    const logs = captureLogs('info');
    const broken = () => {
      throw new TypeError('key function broke');
    };
    const host = express().post('/mta', mtaWebhooks({ secret: SECRET, logger: logs.logger, deliveryKey: broken }));
    const { body, headers } = signedMtaRequest(mtaFixture('delivery-status'), SECRET);
    const response = await request(host).post('/mta').set(headers).send(body);
    expect(response.status).toBe(500);
    expect(response.body).toEqual({
      error: { code: 'internal.error', message: 'The delivery could not be handled: an unexpected fault in the receiver (see its error log).' },
    });
    expect(logs.lines).toEqual([expect.objectContaining({ level: 50, outcome: 'failed', err: expect.objectContaining({ message: 'key function broke' }) })]);
  });
});
