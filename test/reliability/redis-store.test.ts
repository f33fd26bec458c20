import Redis from 'ioredis';
import { createRedisStore } from '../../src/core/store/redis-store';
import { createMtaReceiver } from '../../src/mta/receiver';
import { mtaFixture, signedMtaRequest } from '../../src/testing';
import type { HandlerContext } from '../../src/core/delivery-context';
import { WebhookError } from '../../src/core/errors';
import { SECRET } from '../helpers/apps';
import { RedisServer, describeWithRedis, waitUntil } from '../helpers/redis-server';

const outcome = (work: Promise<unknown>) => work.then(() => 200, (error: unknown) => (error instanceof WebhookError ? `${error.status} ${error.code}` : String(error)));

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

describeWithRedis('the Redis store when Redis stalls (SIGSTOP) or is killed', () => {
  // Persistence on, so that a kill keeps what Redis had accepted: the case where a claim outlives its answer.
  const server = new RedisServer(['--appendonly', 'yes', '--appendfsync', 'always']);
  let client: Redis;

  beforeAll(async () => {
    await server.start();
    client = new Redis(server.port, '127.0.0.1', { maxRetriesPerRequest: 1, retryStrategy: () => 50 });
    client.on('error', () => {});
  });
  afterEach(() => server.resume());
  afterAll(async () => {
    client.disconnect();
    await server.destroy();
  });

  it('gives back a claim that lands after its timeout, so the retry claims it (as a redelivery), not 409', async () => {
    const store = createRedisStore({ client, prefix: 's1:', timeoutMs: 100 });
    server.pause();
    await expect(store.claim('k', 60_000)).rejects.toThrow(/did not answer within 100 ms/);
    server.resume();
    await waitUntil(async () => (await client.get('s1:k')) === 'r');
    expect(await store.claim('k', 60_000)).toMatchObject({ state: 'claimed', redelivery: true });
  });

  it('keeps trying to give back a claim while Redis is down, and succeeds once it is back', async () => {
    const store = createRedisStore({ client, prefix: 's2:', timeoutMs: 100 });
    const claim = await store.claim('k', 60_000);
    if (claim.state !== 'claimed') throw new Error('expected a claim');
    await server.stop();
    await expect(store.release('k', claim.token)).rejects.toThrow();
    await server.start();
    await waitUntil(async () => (await client.get('s2:k').catch(() => null)) === 'r');
    expect(await store.claim('k', 60_000)).toMatchObject({ state: 'claimed', redelivery: true });
  });

  it("'refuse': a delivery answered 503 during a stall leaves no claim behind; its retry is handled", async () => {
    const runs: HandlerContext[] = [];
    const store = createRedisStore({ client, prefix: 's3:', timeoutMs: 100 });
    const receiver = createMtaReceiver({ secret: SECRET, dedupe: { store, onStoreError: 'refuse' }, handlers: { 'delivery-status': (_event, ctx) => void runs.push(ctx) } });
    const { body, headers } = signedMtaRequest(mtaFixture('delivery-status'), SECRET);
    server.pause();
    expect(await outcome(receiver.receive({ rawBody: body, headers }))).toBe('503 store.unavailable');
    server.resume();
    await waitUntil(async () => (await client.get('s3:mta:delivery-status:48213377:4')) !== null);
    await waitUntil(async () => (await client.get('s3:mta:delivery-status:48213377:4')) === 'r');
    expect(await outcome(receiver.receive({ rawBody: body, headers }))).toBe(200);
    expect(runs).toHaveLength(1);
  });

  it("'process': a handler that fails without a claim leaves none behind; its retry runs it, once", async () => {
    const runs: HandlerContext[] = [];
    const store = createRedisStore({ client, prefix: 's4:', timeoutMs: 100 });
    const handler = (_event: unknown, ctx: HandlerContext) => {
      runs.push(ctx);
      if (runs.length === 1) throw new Error('flaky downstream');
    };
    const receiver = createMtaReceiver({ secret: SECRET, dedupe: { store }, handlers: { 'delivery-status': handler } });
    const { body, headers } = signedMtaRequest(mtaFixture('delivery-status'), SECRET);
    server.pause();
    expect(await outcome(receiver.receive({ rawBody: body, headers }))).toBe('500 handler.failed');
    server.resume();
    await waitUntil(async () => (await client.get('s4:mta:delivery-status:48213377:4')) === 'r');
    expect(await outcome(receiver.receive({ rawBody: body, headers }))).toBe(200);
    expect(await outcome(receiver.receive({ rawBody: body, headers }))).toBe(200);
    expect(runs.map((ctx) => ctx.redelivery)).toEqual([false, true]);
  });

  it("'process': copies that reach this instance during a stall run once; the success is recorded in Redis once it is back", async () => {
    let runs = 0;
    const store = createRedisStore({ client, prefix: 's5:', timeoutMs: 100 });
    const slowly = async () => {
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
    };
    const receiver = createMtaReceiver({ secret: SECRET, dedupe: { store }, handlers: { 'delivery-status': slowly } });
    const { body, headers } = signedMtaRequest(mtaFixture('delivery-status'), SECRET);
    server.pause();
    const copies = await Promise.all([1, 2].map(() => outcome(receiver.receive({ rawBody: body, headers }))));
    expect(copies.sort()).toEqual([200, '409 delivery.in_progress']);
    server.resume();
    await waitUntil(async () => (await client.get('s5:mta:delivery-status:48213377:4')) === 'd');
    const elsewhere = createMtaReceiver({ secret: SECRET, dedupe: { store }, handlers: { 'delivery-status': slowly } });
    expect(await outcome(elsewhere.receive({ rawBody: body, headers }))).toBe(200);
    expect(runs).toBe(1);
  });
});
