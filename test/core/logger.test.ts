import express from 'express';
import fastify from 'fastify';
import pino from 'pino';
import request from 'supertest';
import { replaceDefaultLogger } from '../../src/core/logger';
import { createRedisStore } from '../../src/core/store/redis-store';
import { createQueueHandoff, createWebhookWorker } from '../../src/queue';
import { mtaWebhooks } from '../../src/express/mta';
import { mtaWebhooks as mtaPlugin } from '../../src/fastify';
import { mtaFixture, signedMtaRequest } from '../../src/testing';
import { SECRET } from '../helpers/apps';
import { captureLogs } from '../helpers/log-capture';

/** The JSON lines the default logger writes to stderr while `run` runs. */
async function stderrLines(run: () => Promise<unknown> | unknown): Promise<Array<Record<string, unknown>>> {
  const written: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return written.flatMap((text) => text.split('\n').filter(Boolean)).map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('never silent: the default logger', () => {
  // The suite's setup quiets the default logger; this file tests the real one.
  beforeAll(() => replaceDefaultLogger(undefined));
  const delivery = () => signedMtaRequest(mtaFixture('delivery-status', { unique: true }), SECRET);

  it('prints a failing handler to stderr, with its cause, when no logger is given', async () => {
    const app = express().post('/mta', mtaWebhooks({ secret: SECRET, handlers: { 'delivery-status': () => Promise.reject(new Error('db down')) } }));
    const { body, headers } = delivery();
    const lines = await stderrLines(() => request(app).post('/mta').set(headers).send(body).expect(500));
    expect(lines).toEqual([expect.objectContaining({ level: 50, provider: 'mta', outcome: 'failed', code: 'handler.failed', err: expect.objectContaining({ message: 'db down' }) })]);
  });

  it('prints refusals at warn, and nothing for a delivery handled (info stays below its level)', async () => {
    const app = express().post('/mta', mtaWebhooks({ secret: SECRET }));
    const { body, headers } = delivery();
    const lines = await stderrLines(async () => {
      await request(app).post('/mta').set(headers).send(body).expect(200);
      await request(app).post('/mta').set({ ...headers, 'X-Signature': 'f'.repeat(64) }).send(body).expect(401);
    });
    expect(lines).toEqual([expect.objectContaining({ level: 40, code: 'signature.invalid' })]);
    expect(JSON.stringify(lines)).not.toContain(headers['X-Signature']);
  });

  it('prints nothing under logger: false', async () => {
    const app = express().post('/mta', mtaWebhooks({ secret: SECRET, logger: false, handlers: { 'delivery-status': () => { throw new Error('db down'); } } }));
    const { body, headers } = delivery();
    expect(await stderrLines(() => request(app).post('/mta').set(headers).send(body).expect(500))).toEqual([]);
  });

  it('refuses a logger that is not pino (winston, console) when the route is made, rather than pass it over', () => {
    const winstonLike = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {}, child: () => winstonLike };
    for (const logger of [console, winstonLike]) {
      expect(() => mtaWebhooks({ secret: SECRET, logger: logger as never })).toThrow(new TypeError('Option "logger" must be a pino logger (pino(), or req.log of pino-http), or false for no logging.'));
    }
    expect(() => mtaWebhooks({ secret: SECRET, logger: pino({ level: 'silent' }) })).not.toThrow();
    // The same check wherever a logger option is read: the Redis store, the queue hand-off and the worker.
    const message = /Option "logger" must be a pino logger/;
    expect(() => createRedisStore({ client: { eval: () => Promise.resolve(null) } as never, logger: console as never })).toThrow(message);
    expect(() => createQueueHandoff({ connection: {} as never, logger: console as never })).toThrow(message);
    expect(() => createWebhookWorker({ connection: {} as never, handlers: {}, logger: winstonLike as never })).toThrow(message);
  });

  it("takes Fastify's app.log with Fastify logging off as no logger: the app starts, and refusals still reach stderr", async () => {
    const app = fastify();
    // Its type is Fastify's, not pino's, so TypeScript asks for a cast; JavaScript users pass it as it is.
    app.register(mtaPlugin, { path: '/mta', secret: SECRET, logger: app.log as never });
    try {
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      const { body, headers } = delivery();
      const lines = await stderrLines(async () => {
        const answer = await fetch(`${url}/mta`, { method: 'POST', body: String(body), headers: { ...headers, 'X-Signature': '0'.repeat(64) } });
        expect(answer.status).toBe(401);
      });
      expect(lines).toEqual([expect.objectContaining({ level: 40, code: 'signature.invalid' })]);
      expect(JSON.stringify(lines)).not.toContain('0'.repeat(64));
    } finally {
      await app.close();
    }
    expect(() => mtaWebhooks({ secret: SECRET, logger: null as never })).not.toThrow();
  });

  it('always shows the warning for switched-off verification, even under logger: false or a silent logger', async () => {
    const lines = await stderrLines(() => {
      mtaWebhooks({ dangerouslySkipSignatureVerification: true, logger: false });
      mtaWebhooks({ dangerouslySkipSignatureVerification: true, logger: pino({ level: 'silent' }) });
    });
    expect(lines).toEqual([
      expect.objectContaining({ level: 40, msg: expect.stringContaining('NOT verified (dangerouslySkipSignatureVerification)') }),
      expect.objectContaining({ level: 40, msg: expect.stringContaining('NOT verified') }),
    ]);
  });

  it('makes a duplicate visible: 200 that says so, and an info line with outcome "duplicate"', async () => {
    const logs = captureLogs('info');
    const app = express().post('/mta', mtaWebhooks({ secret: SECRET, logger: logs.logger }));
    const { body, headers } = delivery();
    await request(app).post('/mta').set(headers).send(body).expect(200, { ok: true });
    await request(app).post('/mta').set(headers).send(body).expect(200, { ok: true, duplicate: true });
    expect(logs.lines.map((line) => line.outcome)).toEqual(['no_handler', 'duplicate']);
  });
});
