import type { Worker } from 'bullmq';
import { createQueueHandoff, type QueueHandoff, type QueueHandoffOptions } from '../../src/queue/handoff';
import { RedisServer } from './redis-server';

/**
 * What the queue suites share: a real redis-server for the suite, a fresh queue and hand-off for each test, and
 * the test's workers closed after it. Call inside a describeWithRedis block.
 */
export function queueTestbed(handoffOptions: Partial<Omit<QueueHandoffOptions, 'connection' | 'queueName'>> = {}) {
  const redis = new RedisServer();
  const bed = {
    redis,
    queueName: '',
    handoff: undefined as unknown as QueueHandoff,
    /** Workers started by a test: closed after it. */
    workers: [] as Worker[],
    connection: () => ({ host: '127.0.0.1', port: redis.port, maxRetriesPerRequest: null }),
  };
  beforeAll(() => redis.start());
  afterAll(() => redis.destroy());
  beforeEach(() => {
    bed.queueName = `q${Date.now()}${Math.random().toString(16).slice(2, 6)}`;
    bed.handoff = createQueueHandoff({ connection: bed.connection(), queueName: bed.queueName, ...handoffOptions });
  });
  afterEach(async () => {
    await Promise.all(bed.workers.splice(0).map((worker) => worker.close()));
    await bed.handoff.close();
  });
  return bed;
}
