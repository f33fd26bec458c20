import { spawn } from 'node:child_process';
import express from 'express';
import Redis from 'ioredis';
import request from 'supertest';
import { mtaWebhooks } from '../../src/express/mta';
import { httpsmsWebhooks } from '../../src/express/httpsms';
import type { HandlerContext } from '../../src/core/delivery-context';
import { createQueueHandoff } from '../../src/queue/handoff';
import { createWebhookWorker } from '../../src/queue/worker';
import type { QueuedEvent } from '../../src/queue/revive';
import { httpsmsFixture, mtaFixture, signedHttpsmsRequest, signedMtaRequest } from '../../src/testing';
import { SECRET } from '../helpers/apps';
import { captureLogs } from '../helpers/log-capture';
import { expectError } from '../helpers/mta-app';
import { queueTestbed } from '../helpers/queue-testbed';
import { RedisServer, describeWithRedis, waitUntil } from '../helpers/redis-server';

describeWithRedis('durable hand-off to BullMQ, against a real redis-server', () => {
  const bed = queueTestbed({ backoffMs: 50, attempts: 3 });
  const connection = bed.connection;

  function worker(handlers: Parameters<typeof createWebhookWorker>[0]['handlers'], options: Partial<Parameters<typeof createWebhookWorker>[0]> = {}) {
    const started = createWebhookWorker({ connection: connection(), queueName: bed.queueName, handlers, ...options });
    bed.workers.push(started);
    return started;
  }

  it('answers 200 once the job is queued; the worker runs the typed handler; a duplicate is not queued again', async () => {
    const app = express().post('/mta', mtaWebhooks({ secret: SECRET, handoff: bed.handoff }));
    const { body, headers } = signedMtaRequest(mtaFixture('delivery-status'), SECRET);
    expect((await request(app).post('/mta').set(headers).send(body)).status).toBe(200);
    expect((await request(app).post('/mta').set(headers).send(body)).status).toBe(200);
    expect(await bed.handoff.queue.getJobCounts('waiting')).toEqual({ waiting: 1 });

    const seen: Array<[QueuedEvent, HandlerContext]> = [];
    worker({ 'delivery-status': (event, ctx) => void seen.push([event, ctx]) });
    await waitUntil(() => seen.length === 1);
    const [event, ctx] = seen[0]!;
    expect(event).toMatchObject({ provider: 'mta', type: 'delivery-status', version: 3, normalized: { status: { name: 'DELIVERED' } } });
    expect(event.normalized.timestamp).toBeInstanceOf(Date);
    expect(ctx).toMatchObject({ key: 'mta:delivery-status:48213377:4', redelivery: false });
  });

  it('queues httpSMS events too, keyed by the CloudEvents id', async () => {
    const app = express().post('/httpsms', httpsmsWebhooks({ signingKey: 'k', handoff: bed.handoff }));
    const { body, headers } = await signedHttpsmsRequest(httpsmsFixture('message.phone.received'), 'k');
    expect((await request(app).post('/httpsms').set(headers).send(body)).status).toBe(200);
    const seen: QueuedEvent[] = [];
    worker({ 'message.phone.received': (event) => void seen.push(event) });
    await waitUntil(() => seen.length === 1);
    expect(seen[0]).toMatchObject({ provider: 'httpsms', id: '5f0b7c52-3d0e-4b8e-9a55-2f3c1d9e7a41' });
  });

  it('retries a failing handler with backoff, flagged as a redelivery', async () => {
    const app = express().post('/mta', mtaWebhooks({ secret: SECRET, handoff: bed.handoff }));
    const { body, headers } = signedMtaRequest(mtaFixture('message-send'), SECRET);
    await request(app).post('/mta').set(headers).send(body);
    const attempts: boolean[] = [];
    worker({
      'message-send': (_event, ctx) => {
        attempts.push(ctx.redelivery);
        if (attempts.length < 2) throw new Error('downstream timeout');
      },
    });
    await waitUntil(() => attempts.length === 2);
    expect(attempts).toEqual([false, true]);
  });

  it('refuses with 503 store.unavailable when Redis cannot take the job, so the provider retries', async () => {
    // A Redis that is not there: nothing listens on port 1.
    const nowhere = new Redis({ host: '127.0.0.1', port: 1, maxRetriesPerRequest: null, retryStrategy: () => 50 });
    nowhere.on('error', () => {});
    const down = createQueueHandoff({ connection: nowhere, queueName: bed.queueName, timeoutMs: 200 });
    down.queue.on('error', () => {});
    const app = express().post('/mta', mtaWebhooks({ secret: SECRET, handoff: down }));
    const { body, headers } = signedMtaRequest(mtaFixture('delivery-status'), SECRET);
    expectError(await request(app).post('/mta').set(headers).send(body), 503, 'store.unavailable');
    nowhere.disconnect();
  });

  it('finishes a job on another worker when its worker is killed with SIGKILL mid-job', async () => {
    const app = express().post('/mta', mtaWebhooks({ secret: SECRET, handoff: bed.handoff }));
    const { body, headers } = signedMtaRequest(mtaFixture('delivery-status', { overrides: { messageId: '777' } }), SECRET);
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/worker-process.ts', String(bed.redis.port), bed.queueName], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    await waitUntil(() => output.includes('ready'), 20_000);
    await request(app).post('/mta').set(headers).send(body);
    await waitUntil(() => output.includes('started 777'));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    const finished: string[] = [];
    worker({ 'delivery-status': (event) => void finished.push(event.normalized.messageId) }, { workerOptions: { lockDuration: 1000, stalledInterval: 300 } });
    await waitUntil(() => finished.length === 1, 15_000);
    expect(finished).toEqual(['777']);
  }, 40_000);
});

describeWithRedis('the hand-off checks once at start whether Redis persists what it accepts', () => {
  async function check(args: string[]) {
    const redis = await new RedisServer(args).start();
    const logs = captureLogs('info');
    const handoff = createQueueHandoff({ connection: { host: '127.0.0.1', port: redis.port, maxRetriesPerRequest: null }, logger: logs.logger });
    try {
      const found = await handoff.persistence;
      const queued = await handoff.enqueue({ provider: 'mta', key: 'k', type: 'delivery-status', body: '{}', hints: {}, receivedAt: 0 });
      return { found, queued, lines: logs.lines.filter((line) => String(line.msg).startsWith('queue hand-off')) };
    } finally {
      await handoff.close();
      await redis.destroy();
    }
  }

  it('warns when Redis has no append-only file: a crash would lose jobs already answered 200', async () => {
    const { found, lines } = await check([]);
    expect(found).toEqual({ appendonly: false });
    expect(lines).toEqual([expect.objectContaining({ level: 40, appendonly: 'no', msg: expect.stringMatching(/no append-only file.*appendfsync always/) })]);
  });

  it('says at info that jobs persist with appendonly yes, and with which fsync', async () => {
    const { found, lines } = await check(['--appendonly', 'yes', '--appendfsync', 'always']);
    expect(found).toEqual({ appendonly: true, appendfsync: 'always' });
    expect(lines).toEqual([expect.objectContaining({ level: 30, appendfsync: 'always' })]);
  });

  it('says at info that it could not check when the server refuses CONFIG (managed Redis), and still queues', async () => {
    const { found, queued, lines } = await check(['--rename-command', 'CONFIG', '']);
    expect(found).toBe('unknown');
    expect(queued).toBe('queued');
    expect(lines).toEqual([expect.objectContaining({ level: 30, msg: expect.stringMatching(/could not check/) })]);
  });
});
