import express from 'express';
import { Registry } from 'prom-client';
import { mtaWebhooks } from '../../src/express/mta';
import { createWebhookMetrics } from '../../src/metrics';
import type { JobObserver } from '../../src/queue/job-report';
import { createWebhookWorker } from '../../src/queue/worker';
import type { WorkerHandlers } from '../../src/queue/worker-handlers';
import { createStatusTracker } from '../../src/status';
import { mtaFixture, signedMtaRequest } from '../../src/testing';
import { SECRET } from '../helpers/apps';
import { captureLogs } from '../helpers/log-capture';
import { rawPost } from '../helpers/raw-post';
import { queueTestbed } from '../helpers/queue-testbed';
import { describeWithRedis, waitUntil } from '../helpers/redis-server';

describeWithRedis('the queue worker reads what the receiver accepted, and awaits what handlers return', () => {
  const bed = queueTestbed({ backoffMs: 20, attempts: 2 });
  const connection = bed.connection;

  const startWorker = (handlers: WorkerHandlers, logger?: ReturnType<typeof captureLogs>['logger']) => {
    const worker = createWebhookWorker({ connection: connection(), queueName: bed.queueName, handlers, logger });
    bed.workers.push(worker);
    return worker;
  };

  const enqueue = async (body: string | Buffer) => {
    const app = express().post('/mta', mtaWebhooks({ secret: SECRET, handoff: bed.handoff }));
    const { headers } = signedMtaRequest(body, SECRET);
    return rawPost(app, '/mta', headers, body);
  };

  it('handles a body with a UTF-8 byte-order mark, which the receiver accepted and queued', async () => {
    const body = `\uFEFF${JSON.stringify(mtaFixture('delivery-status', { overrides: { messageId: 'bom-1' } }))}`;
    expect((await enqueue(body)).status).toBe(200);
    const seen: string[] = [];
    startWorker({ mta: { 'delivery-status': (event) => void seen.push(event.normalized.messageId) } });
    await waitUntil(() => seen.length === 1);
    expect(seen).toEqual(['bom-1']);
    expect(await bed.handoff.queue.getJobCounts('failed')).toEqual({ failed: 0 });
  });

  it('awaits a thenable returned by a handler: the job completes only after it ran', async () => {
    expect((await enqueue(JSON.stringify(mtaFixture('delivery-status', { overrides: { messageId: 'then-1' } })))).status).toBe(200);
    const effects: string[] = [];
    const query = { then: (resolve: (value: unknown) => void) => setTimeout(() => resolve(effects.push('query ran')), 10) };
    startWorker({ mta: { 'delivery-status': () => query } });
    await waitUntil(async () => (await bed.handoff.queue.getJobCounts('completed')).completed === 1);
    expect(effects).toEqual(['query ran']);
  });

  it('fails the job when a handler thenable rejects, and BullMQ retries it', async () => {
    expect((await enqueue(JSON.stringify(mtaFixture('delivery-status', { overrides: { messageId: 'then-2' } })))).status).toBe(200);
    let attempts = 0;
    const failing = { then: (_resolve: unknown, reject: (reason: unknown) => void) => reject(new Error(`attempt ${++attempts} failed`)) };
    startWorker({ mta: { 'delivery-status': () => failing } });
    await waitUntil(async () => (await bed.handoff.queue.getJobCounts('failed')).failed === 1);
    expect(attempts).toBe(2);
  });

  it('fails a job that cannot be revived at once, and logs its key, never its body', async () => {
    const logs = captureLogs();
    await bed.handoff.queue.add('delivery-status', {
      provider: 'mta',
      key: 'mta:delivery-status:broken:4',
      type: 'delivery-status',
      body: '{"destinationNumber":"5555550123", "status": ',
      hints: {},
      receivedAt: Date.now(),
    }, { jobId: 'broken', attempts: 5 });
    startWorker({ mta: { 'delivery-status': () => {} } }, logs.logger);
    await waitUntil(async () => (await bed.handoff.queue.getJobCounts('failed')).failed === 1);
    const job = await bed.handoff.queue.getJob('broken');
    expect(job?.attemptsMade).toBe(1);
    const line = logs.lines.find((entry) => entry.key === 'mta:delivery-status:broken:4');
    expect(line).toMatchObject({ level: 50, msg: expect.stringContaining('last time') });
    expect(JSON.stringify(logs.lines)).not.toContain('5555550123');
  });

  it('goes on with the job when an observer throws as it begins or around the job, or an async one rejects, and logs that at error', async () => {
    expect((await enqueue(JSON.stringify(mtaFixture('delivery-status', { overrides: { messageId: 'observer-1' } })))).status).toBe(200);
    const logs = captureLogs();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const rejecting: JobObserver = {
      // An observer written async (a push to a metrics gateway that is down) is the case under test.
      // eslint-disable-next-line @typescript-eslint/no-misused-promises
      jobFinished: async () => {
        throw new Error('push gateway down');
      },
      runInJob: () => {
        throw new Error('context manager broke');
      },
    };
    const results: string[] = [];
    const throwing: JobObserver = {
      jobStarted: () => {
        throw new Error('observer broke');
      },
      jobFinished: (report) => void results.push(report.result),
      // Throws once it has started the job: that run stands, and the handler does not run a second time.
      runInJob: (_token, run) => {
        void run();
        throw new Error('threw after starting the job');
      },
    };
    let ran = 0;
    bed.workers.push(createWebhookWorker({
      connection: connection(),
      queueName: bed.queueName,
      handlers: { mta: { 'delivery-status': () => void (ran += 1) } },
      metrics: throwing,
      tracing: rejecting,
      logger: logs.logger,
    }));
    try {
      await waitUntil(async () => Object.values(await bed.handoff.queue.getJobCounts('failed', 'completed')).some((count) => count > 0));
      expect(await bed.handoff.queue.getJobCounts('failed', 'completed')).toEqual({ failed: 0, completed: 1 });
      expect(ran).toBe(1);
      expect(results).toEqual(['handled']);
      for (const message of ['observer broke', 'push gateway down', 'context manager broke', 'threw after starting the job']) {
        await waitUntil(() => logs.lines.some((line) => (line.err as { message?: string } | undefined)?.message === message));
        expect(logs.lines).toContainEqual(expect.objectContaining({ level: 50, msg: expect.stringContaining('job observer failed'), err: expect.objectContaining({ message }) }));
      }
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('waits for the job an observer started but forgot to return, and reports what it did', async () => {
    expect((await enqueue(JSON.stringify(mtaFixture('delivery-status', { overrides: { messageId: 'observer-no-return' } })))).status).toBe(200);
    const results: string[] = [];
    const forgetful: JobObserver = {
      jobFinished: (report) => void results.push(report.result),
      runInJob: ((_token: unknown, run: () => Promise<unknown>) => {
        void run();
      }) as unknown as JobObserver['runInJob'],
    };
    let ran = 0;
    bed.workers.push(createWebhookWorker({
      connection: connection(),
      queueName: bed.queueName,
      // Slow enough that the job would be over before it, were the run not waited for.
      handlers: { mta: { 'delivery-status': () => new Promise<void>((resolve) => setTimeout(() => (ran += 1, resolve()), 100)) } },
      metrics: forgetful,
      logger: false,
    }));
    await waitUntil(async () => Object.values(await bed.handoff.queue.getJobCounts('failed', 'completed')).some((count) => count > 0));
    expect(ran).toBe(1);
    expect(results).toEqual(['handled']);
  });

  it('runs the job once, and logs the observer, when runInJob settles without running it (and starts it late)', async () => {
    expect((await enqueue(JSON.stringify(mtaFixture('delivery-status', { overrides: { messageId: 'observer-never-runs' } })))).status).toBe(200);
    const logs = captureLogs();
    const results: string[] = [];
    let lateStart: Promise<unknown> | undefined;
    const skipping: JobObserver = {
      jobFinished: (report) => void results.push(report.result),
      // Settles at once; starts the job only later, when the worker has already run it without the observer.
      runInJob: ((_token: unknown, run: () => Promise<unknown>) => {
        setTimeout(() => void (lateStart = run()), 50);
        return Promise.resolve();
      }) as unknown as JobObserver['runInJob'],
    };
    let ran = 0;
    bed.workers.push(createWebhookWorker({
      connection: connection(),
      queueName: bed.queueName,
      handlers: { mta: { 'delivery-status': () => void (ran += 1) } },
      tracing: skipping,
      logger: logs.logger,
    }));
    await waitUntil(async () => Object.values(await bed.handoff.queue.getJobCounts('failed', 'completed')).some((count) => count > 0));
    expect(await bed.handoff.queue.getJobCounts('failed', 'completed')).toEqual({ failed: 0, completed: 1 });
    await waitUntil(() => lateStart !== undefined);
    await lateStart;
    expect(ran).toBe(1);
    expect(results).toEqual(['handled']);
    expect(logs.lines).toContainEqual(expect.objectContaining({ level: 50, msg: expect.stringContaining('job observer failed'), err: expect.objectContaining({ message: expect.stringContaining('without running the job') }) }));
  });

  it('takes handlers keyed by provider, and still the flat 0.1 map; a key no provider has is a TypeError', async () => {
    expect(() => createWebhookWorker({ connection: connection(), queueName: bed.queueName, handlers: { mta: { 'message.phone.received': () => {} } } as never })).toThrow(
      /handlers\.mta.*message\.phone\.received/,
    );
    expect(() => createWebhookWorker({ connection: connection(), queueName: bed.queueName, handlers: { 'delivery_status': () => {} } as never })).toThrow(/delivery_status/);
    expect((await enqueue(JSON.stringify(mtaFixture('delivery-status', { overrides: { messageId: 'flat-1' } })))).status).toBe(200);
    const seen: string[] = [];
    const worker = createWebhookWorker({ connection: connection(), queueName: bed.queueName, handlers: { 'delivery-status': (event) => void seen.push(event.type) } });
    bed.workers.push(worker);
    await waitUntil(() => seen.length === 1);
  });
});

describeWithRedis('the queue worker records delivery statuses before its handlers, as a receiver does', () => {
  const bed = queueTestbed({ backoffMs: 20, attempts: 2 });
  const connection = bed.connection;

  it('hands the change to the handlers and, with skipStale, completes stale and conflicting updates without running them', async () => {
    const app = express().post('/mta', mtaWebhooks({ secret: SECRET, handoff: bed.handoff }));
    // DELIVERED (4), then SENT (3, stale), then UNDELIVERED (9): a conflict with the final DELIVERED.
    for (const status of [4, 3, 9]) {
      const { body, headers } = signedMtaRequest(mtaFixture('delivery-status', { overrides: { messageId: 'queued-life', status } }), SECRET);
      expect((await rawPost(app, '/mta', headers, body)).status).toBe(200);
    }
    const tracker = createStatusTracker({ logger: false });
    const registry = new Registry();
    const seen: string[] = [];
    const worker = createWebhookWorker({
      connection: connection(),
      queueName: bed.queueName,
      concurrency: 1,
      statusTracker: tracker,
      skipStale: true,
      metrics: createWebhookMetrics({ registry }),
      handlers: { mta: { 'delivery-status': (_event, ctx) => void seen.push(`${ctx.status?.outcome} ${ctx.status?.current.name}`) } },
    });
    bed.workers.push(worker);
    await waitUntil(async () => (await bed.handoff.queue.getJobCounts('completed')).completed === 3);
    expect(seen).toEqual(['applied DELIVERED']);
    expect(await bed.handoff.queue.getJobCounts('failed')).toEqual({ failed: 0 });
    expect(await tracker.get('mta', 'queued-life')).toMatchObject({ name: 'DELIVERED' });
    // Counted 'stale', as a receiver counts the same skip, not 'no_handler'.
    const text = await registry.metrics();
    expect(text).toContain('sms_webhooks_queue_jobs_total{provider="mta",event="delivery-status",result="handled"} 1');
    expect(text).toContain('sms_webhooks_queue_jobs_total{provider="mta",event="delivery-status",result="stale"} 2');
    expect(text).not.toContain('result="no_handler"');
  });

  it('fails the job when the status store cannot be reached, so BullMQ retries it and nothing is handled unrecorded', async () => {
    const app = express().post('/mta', mtaWebhooks({ secret: SECRET, handoff: bed.handoff }));
    const { body, headers } = signedMtaRequest(mtaFixture('delivery-status', { overrides: { messageId: 'store-down', status: 4 } }), SECRET);
    expect((await rawPost(app, '/mta', headers, body)).status).toBe(200);
    const broken = { update: () => Promise.reject(new Error('redis down')), get: () => Promise.reject(new Error('redis down')) };
    let ran = 0;
    const worker = createWebhookWorker({
      connection: connection(),
      queueName: bed.queueName,
      statusTracker: createStatusTracker({ store: broken, logger: false }),
      logger: false,
      handlers: { mta: { 'delivery-status': () => void (ran += 1) } },
    });
    bed.workers.push(worker);
    // Settled either way, so that a job handled without its status fails here rather than by a timeout.
    await waitUntil(async () => Object.values(await bed.handoff.queue.getJobCounts('failed', 'completed')).some((count) => count > 0));
    expect(await bed.handoff.queue.getJobCounts('failed', 'completed')).toEqual({ failed: 1, completed: 0 });
    const [job] = await bed.handoff.queue.getFailed();
    expect(job?.attemptsMade).toBe(2);
    expect(job?.failedReason).toMatch(/status store cannot be reached/);
    expect(ran).toBe(0);
  });
});
