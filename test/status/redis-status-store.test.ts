import fc from 'fast-check';
import Redis from 'ioredis';
import { createRedisStatusStore } from '../../src/status/redis-status-store';
import { createStatusTracker, type StatusTracker } from '../../src/status/tracker';
import type { StatusEvent } from '../../src/status/status-of-event';
import { RedisServer, describeWithRedis } from '../helpers/redis-server';
import { httpsmsStatus, mtaStatus } from '../helpers/status-events';
import { finalState, httpsmsHistory, mtaHistory, withArrival } from '../helpers/status-histories';

const uuid = () => globalThis.crypto.randomUUID();

describeWithRedis('the Redis status store, against a real redis-server', () => {
  const server = new RedisServer();
  let clients: Redis[];
  const tracker = (client: Redis, prefix = 'p:') => createStatusTracker({ store: createRedisStatusStore({ client, prefix }), logger: false });

  beforeAll(async () => {
    await server.start();
    clients = [0, 1].map(() => new Redis(server.port, '127.0.0.1', { maxRetriesPerRequest: 1 }));
  });
  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await server.destroy();
  });

  it.each([
    ['MTA', mtaHistory(uuid)],
    ['httpSMS', httpsmsHistory(uuid)],
  ])('%s: any order and duplication ends in the in-order state', async (_provider, history) => {
    const inOrder = tracker(clients[0]!, 'in-order:');
    const shuffled = tracker(clients[0]!, 'shuffled:');
    await fc.assert(
      fc.asyncProperty(withArrival(history), async ({ history, arrival }) => {
        for (const event of history) await inOrder.record(event);
        for (const event of arrival) await shuffled.record(event);
        expect(await finalState(shuffled, history[0]!)).toEqual(await finalState(inOrder, history[0]!));
      }),
      { numRuns: 150 },
    );
  });

  it('two clients updating the same messages at once end in the in-order state', async () => {
    const [one, two] = [tracker(clients[0]!, 'race:'), tracker(clients[1]!, 'race:')];
    const reference = createStatusTracker({ logger: false });
    const samples = fc.sample(withArrival(fc.oneof(mtaHistory(uuid), httpsmsHistory(uuid))), { numRuns: 200, seed: 42 });
    for (const { history } of samples) for (const event of history) await reference.record(event);
    // Every message's events, split between the two clients and all sent at once.
    await Promise.all(
      samples.flatMap(({ arrival }) => arrival.map((event, index) => (index % 2 === 0 ? one : two).record(event))),
    );
    for (const { history } of samples) {
      expect(await finalState(one, history[0]!)).toEqual(await finalState(reference, history[0]!));
    }
  });

  it('keeps one hash per message, with its retention; get() reads what another instance stored', async () => {
    const store = createRedisStatusStore({ client: clients[0]!, prefix: 'ttl:', retentionMs: 60_000 });
    const change = await createStatusTracker({ store }).record(httpsmsStatus('delivered', 3));
    expect(await clients[0]!.keys('ttl:*')).toEqual([`ttl:httpsms:${change.messageId}`]);
    expect(await clients[0]!.pttl(`ttl:httpsms:${change.messageId}`)).toBeGreaterThan(50_000);
    expect(await tracker(clients[1]!, 'ttl:').get('httpsms', change.messageId)).toEqual(change.current);
  });

  it('reports the previous status and conflicts as the memory store does', async () => {
    const redis: StatusTracker = tracker(clients[0]!, 'same:');
    const memory = createStatusTracker({ logger: false });
    const events: StatusEvent[] = [mtaStatus(3, 1, 'x1'), mtaStatus(4, 2, 'x1'), mtaStatus(2, 0, 'x1'), mtaStatus(9, 3, 'x1'), mtaStatus(4, 2, 'x1')];
    for (const event of events) {
      const [a, b] = [await redis.record(event), await memory.record(event)];
      expect({ ...a, previous: a.previous?.name, current: a.current.name }).toEqual({ ...b, previous: b.previous?.name, current: b.current.name });
    }
  });

  it('rejects within its timeout when Redis does not answer', async () => {
    const stalled = { eval: () => new Promise<never>(() => {}) };
    const slow = createStatusTracker({ store: createRedisStatusStore({ client: stalled, timeoutMs: 50 }) });
    await expect(slow.record(mtaStatus(4))).rejects.toThrow(/did not answer within 50 ms/);
  });

  it.each([
    [{}, /Option "client" must be an ioredis client/],
    [{ client: { eval() {} }, retentionMs: 0 }, /Option "retentionMs" must be a positive number/],
    [{ client: { eval() {} }, timeoutMs: 'fast' }, /Option "timeoutMs" must be a positive number/],
  ])('refuses bad options with a TypeError naming them', (options, message) => {
    expect(() => createRedisStatusStore(options as never)).toThrow(message);
  });
});
