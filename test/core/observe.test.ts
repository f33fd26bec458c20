import express from 'express';
import request from 'supertest';
import type { DeliveryReport } from '../../src/core/observe';
import { mtaWebhooks } from '../../src/express/mta';
import { mtaFixture, signedMtaRequest } from '../../src/testing';
import { SECRET } from '../helpers/apps';
import { captureLogs } from '../helpers/log-capture';

describe('one report per delivery, told to every observer', () => {
  const reports: DeliveryReport[] = [];
  const starts: string[] = [];
  const observer = {
    started: (provider: string) => (starts.push(provider), `token-${starts.length}`),
    finished: (report: DeliveryReport, token: unknown) => void reports.push({ ...report, token } as never),
  };
  beforeEach(() => {
    reports.length = 0;
    starts.length = 0;
  });

  it('reports a handled delivery, a duplicate and a refusal with outcome, status, code and key', async () => {
    const route = mtaWebhooks({ secret: SECRET, observers: [observer], handlers: { 'delivery-status': () => {} } });
    const app = express().post('/mta', route);
    const { body, headers } = signedMtaRequest(mtaFixture('delivery-status', { overrides: { messageId: 'obs-1' } }), SECRET);
    await request(app).post('/mta').set(headers).send(body);
    await request(app).post('/mta').set(headers).send(body);
    await request(app).post('/mta').set({ ...headers, 'X-Signature': '0'.repeat(64) }).send(body);
    expect(starts).toEqual(['mta', 'mta', 'mta']);
    expect(reports).toEqual([
      expect.objectContaining({ provider: 'mta', event: 'delivery-status', version: 3, outcome: 'handled', status: 200, key: 'mta:delivery-status:obs-1:4', token: 'token-1' }),
      expect.objectContaining({ outcome: 'duplicate', status: 200, token: 'token-2' }),
      expect.objectContaining({ event: undefined, outcome: 'rejected', status: 401, code: 'signature.invalid', token: 'token-3' }),
    ]);
  });

  it('reports a handler failure as failed with its cause, and an observer added later with observe()', async () => {
    const route = mtaWebhooks({ secret: SECRET, handlers: { 'delivery-status': () => Promise.reject(new Error('db down')) } });
    const stop = route.receiver.observe(observer);
    const app = express().post('/mta', route);
    const { body, headers } = signedMtaRequest(mtaFixture('delivery-status', { overrides: { messageId: 'obs-2' } }), SECRET);
    expect((await request(app).post('/mta').set(headers).send(body)).status).toBe(500);
    expect(reports).toEqual([expect.objectContaining({ outcome: 'failed', status: 500, code: 'handler.failed', error: expect.objectContaining({ message: 'db down' }) })]);
    stop();
    await request(app).post('/mta').set(headers).send(body);
    expect(reports).toHaveLength(1);
  });

  it('reports a fault of ours (a deliveryKey that threw) as failed with internal.error, not handler.failed', async () => {
    const deliveryKey = () => {
      throw new Error('key function broke');
    };
    const route = mtaWebhooks({ secret: SECRET, observers: [observer], deliveryKey, handlers: { 'delivery-status': () => {} } });
    const { body, headers } = signedMtaRequest(mtaFixture('delivery-status', { overrides: { messageId: 'obs-4' } }), SECRET);
    const response = await request(express().post('/mta', route)).post('/mta').set(headers).send(body);
    expect(response.body.error.code).toBe('internal.error');
    expect(reports).toEqual([expect.objectContaining({ outcome: 'failed', status: 500, code: 'internal.error', error: expect.objectContaining({ message: 'key function broke' }) })]);
  });

  it('keeps answering when an observer throws, and logs it', async () => {
    const logs = captureLogs('info');
    let ran = 0;
    const route = mtaWebhooks({
      secret: SECRET,
      logger: logs.logger,
      observers: [
        { started: () => { throw new Error('broken start'); }, finished: () => {} },
        { finished: () => { throw new Error('broken observer'); } },
      ],
      handlers: { 'delivery-status': () => void (ran += 1) },
    });
    const { body, headers } = signedMtaRequest(mtaFixture('delivery-status', { overrides: { messageId: 'obs-3' } }), SECRET);
    expect((await request(express().post('/mta', route)).post('/mta').set(headers).send(body)).status).toBe(200);
    expect(ran).toBe(1);
    for (const message of ['broken start', 'broken observer']) {
      expect(logs.lines).toContainEqual(expect.objectContaining({ level: 50, err: expect.objectContaining({ message }) }));
    }
  });

  it('keeps answering when an async observer rejects, logs it, and leaves no unhandled rejection', async () => {
    const logs = captureLogs('info');
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      let ran = 0;
      const route = mtaWebhooks({
        secret: SECRET,
        logger: logs.logger,
        observers: [
          { started: () => Promise.reject(new Error('async start down')), finished: () => {} },
          // An observer written async by mistake is the case under test.
          // eslint-disable-next-line @typescript-eslint/no-misused-promises
          { finished: async () => { throw new Error('metrics backend down'); } },
        ],
        handlers: { 'delivery-status': () => void (ran += 1) },
      });
      const { body, headers } = signedMtaRequest(mtaFixture('delivery-status', { overrides: { messageId: 'obs-5' } }), SECRET);
      expect((await request(express().post('/mta', route)).post('/mta').set(headers).send(body)).status).toBe(200);
      expect(ran).toBe(1);
      await new Promise((resolve) => setImmediate(resolve));
      for (const message of ['async start down', 'metrics backend down']) {
        expect(logs.lines).toContainEqual(expect.objectContaining({ level: 50, err: expect.objectContaining({ message }) }));
      }
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('checks the option when the route is made', () => {
    expect(() => mtaWebhooks({ secret: SECRET, observers: [{}] as never })).toThrow(/observers/);
  });
});
