import Redis from 'ioredis';
import { createRedisStore } from '../../src/core/store/redis-store';
import { RedisServer, describeWithRedis } from '../helpers/redis-server';

describeWithRedis('the Redis store, against a real redis-server', () => {
  const server = new RedisServer();
  let client: Redis;

  beforeAll(async () => {
    await server.start();
    client = new Redis(server.port, '127.0.0.1', { maxRetriesPerRequest: 1, lazyConnect: false });
  });
  afterAll(async () => {
    client.disconnect();
    await server.destroy();
  });

  it('claims, completes, releases and expires atomically', async () => {
    const store = createRedisStore({ client, prefix: `t1:` });
    const first = await store.claim('k', 5000);
    expect(first).toMatchObject({ state: 'claimed', redelivery: false });
    expect(await store.claim('k', 5000)).toEqual({ state: 'in_progress' });
    if (first.state !== 'claimed') throw new Error('unreachable');
    await store.release('k', 'someone-else');
    expect(await store.claim('k', 5000)).toEqual({ state: 'in_progress' }); // only the owner releases
    await store.release('k', first.token);
    const second = await store.claim('k', 5000);
    expect(second).toMatchObject({ state: 'claimed', redelivery: true });
    if (second.state !== 'claimed') throw new Error('unreachable');
    await store.complete('k', second.token, 60_000);
    expect(await store.claim('k', 5000)).toEqual({ state: 'done' });
    expect(await client.pttl('t1:k')).toBeGreaterThan(50_000);
  });

  it('lets exactly one of many concurrent claims win', async () => {
    const stores = Array.from({ length: 20 }, () => createRedisStore({ client, prefix: 't2:' }));
    const outcomes = await Promise.all(stores.map((store) => store.claim('same', 5000)));
    expect(outcomes.filter((outcome) => outcome.state === 'claimed')).toHaveLength(1);
  });

  it('lets a claim lapse after its time; the next claim is a redelivery', async () => {
    const store = createRedisStore({ client, prefix: 't3:' });
    await store.claim('k', 50);
    await new Promise((resolve) => setTimeout(resolve, 120));
    // A lapsed claim leaves no trace, so the next attempt cannot tell: it is a fresh claim.
    expect(await store.claim('k', 5000)).toMatchObject({ state: 'claimed' });
  });

  it('rejects within its timeout when Redis does not answer', async () => {
    const stalled = { eval: () => new Promise<never>(() => {}) };
    await expect(createRedisStore({ client: stalled, timeoutMs: 50 }).claim('k', 1000)).rejects.toThrow(/did not answer within 50 ms/);
  });
});
