import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Redis from 'ioredis';
import { mtaWebhooks } from '../../src/express/mta';
import { createRedisStore } from '../../src/core/store/redis-store';
import type { DedupeOptions } from '../../src/core/reliability';
import type { MtaDeliveryStatusEvent } from '../../src/mta/events';
import { mtaFixture, signedMtaRequest } from '../../src/testing';
import { SECRET } from '../helpers/apps';
import { captureLogs } from '../helpers/log-capture';
import { RedisServer, describeWithRedis } from '../helpers/redis-server';
import { simulateProvider } from '../helpers/simulated-provider';

const EVENTS = 2000;

/** Distinct signed events, each identified by its message id. */
function events(count: number, prefix: number) {
  return Array.from({ length: count }, (_unused, index) =>
    signedMtaRequest(mtaFixture('delivery-status', { overrides: { messageId: String(prefix + index) } }), SECRET),
  ) as Array<{ body: string; headers: Record<string, string> }>;
}

/**
 * An app instance whose handler records each event's side effect. About 3% of events (every 33rd) make the
 * handler throw on its first call for that event, on whichever instance it lands.
 */
function instance(effects: Map<string, number>, failedOnce: Set<string>, dedupe: DedupeOptions, logger?: ReturnType<typeof captureLogs>['logger']) {
  const handler = async (event: MtaDeliveryStatusEvent) => {
    const id = event.normalized.messageId;
    await new Promise((resolve) => setTimeout(resolve, Number(id) % 3)); // overlap concurrent copies
    if (Number(id) % 33 === 0 && !failedOnce.has(id)) {
      failedOnce.add(id);
      throw new Error('flaky downstream');
    }
    effects.set(id, (effects.get(id) ?? 0) + 1);
  };
  const app = express().post('/mta', mtaWebhooks({ secret: SECRET, dedupe, logger, handlers: { 'delivery-status': handler } }));
  return listen(app);
}

async function listen(app: express.Express): Promise<{ url: string; server: Server }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mta`, server };
}

function expectExactlyOnce(effects: Map<string, number>, prefix: number, count: number) {
  const missing: string[] = [];
  const repeated: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const times = effects.get(String(prefix + index)) ?? 0;
    if (times === 0) missing.push(String(prefix + index));
    if (times > 1) repeated.push(String(prefix + index));
  }
  expect({ missing, repeated }).toEqual({ missing: [], repeated: [] });
}

describe('exactly-once under MTA retries, duplicates and handler failures', () => {
  it(`${EVENTS} events, 5% sent twice at once, 3% failing once: each side effect exactly once (memory store, one app)`, async () => {
    const effects = new Map<string, number>();
    const app = await instance(effects, new Set(), {});
    try {
      const result = await simulateProvider({ urls: [app.url], bodies: events(EVENTS, 1_000_000), duplicateShare: 0.05, retries: 2, backoffMs: 10, concurrency: 32 });
      expect(result.gaveUp).toBe(0);
      expect(result.statuses['500']).toBeGreaterThanOrEqual(Math.floor(EVENTS / 33));
      expectExactlyOnce(effects, 1_000_000, EVENTS);
    } finally {
      app.server.close();
    }
  }, 60_000);
});

describeWithRedis('exactly-once across instances with a shared Redis store', () => {
  const redis = new RedisServer();
  const clients: Redis[] = [];
  const client = () => {
    const made = new Redis({ host: '127.0.0.1', port: redis.port, maxRetriesPerRequest: 1, retryStrategy: () => 100 });
    made.on('error', () => {});
    clients.push(made);
    return made;
  };

  beforeAll(() => redis.start());
  afterAll(async () => {
    clients.forEach((made) => made.disconnect());
    await redis.destroy();
  });

  it(`${EVENTS} events over two app instances: each side effect exactly once`, async () => {
    const effects = new Map<string, number>();
    const failedOnce = new Set<string>();
    const apps = [
      await instance(effects, failedOnce, { store: createRedisStore({ client: client(), prefix: 'x1:' }) }),
      await instance(effects, failedOnce, { store: createRedisStore({ client: client(), prefix: 'x1:' }) }),
    ];
    try {
      const result = await simulateProvider({ urls: apps.map((app) => app.url), bodies: events(EVENTS, 2_000_000), duplicateShare: 0.05, retries: 2, backoffMs: 10, concurrency: 32 });
      expect(result.gaveUp).toBe(0);
      expectExactlyOnce(effects, 2_000_000, EVENTS);
    } finally {
      apps.forEach((app) => app.server.close());
    }
  }, 60_000);

  it('loses no event when Redis stops in the middle of a run and comes back, and says so in the log', async () => {
    const effects = new Map<string, number>();
    const logs = captureLogs('info');
    const dedupe = () => ({ store: createRedisStore({ client: client(), prefix: 'x2:', timeoutMs: 200 }) });
    const apps = [await instance(effects, new Set(), dedupe(), logs.logger), await instance(effects, new Set(), dedupe(), logs.logger)];
    const outage = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await redis.stop();
      await new Promise((resolve) => setTimeout(resolve, 700));
      await redis.start();
    })();
    try {
      const result = await simulateProvider({ urls: apps.map((app) => app.url), bodies: events(1500, 3_000_000), duplicateShare: 0.05, retries: 2, backoffMs: 10, concurrency: 16 });
      await outage;
      // A copy may exhaust its (millisecond-scaled) retries on 409 while the first copy waits out a Redis
      // timeout; its event was handled by that first copy. What must never happen is an event with no effect.
      const abandoned = result.gaveUpOn.map((index) => String(3_000_000 + index)).filter((id) => !effects.has(id));
      expect(abandoned).toEqual([]);
      const missing = Array.from({ length: 1500 }, (_unused, index) => String(3_000_000 + index)).filter((id) => !effects.has(id));
      expect(missing).toEqual([]);
      const outageLines = logs.lines.filter((line) => String(line.msg).includes('store unreachable'));
      expect(outageLines.length).toBeGreaterThan(0);
      expect(outageLines[0]).toMatchObject({ level: 50, provider: 'mta', key: expect.stringMatching(/^mta:delivery-status:/), err: { message: expect.any(String) } });
    } finally {
      apps.forEach((app) => app.server.close());
    }
  }, 60_000);
});
