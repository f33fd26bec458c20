// One benchmark server per child process, so that its CPU time is its own. Started by run.ts.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { z } from 'zod';
import Redis from 'ioredis';
import { createRedisStore, mtaWebhooks } from 'sms-webhooks';
import { createQueueHandoff } from 'sms-webhooks/queue';
import { BENCH_SECRET } from './deliveries.js';

type Variant = 'bare' | 'mta' | 'handwritten' | 'mta-redis' | 'mta-queue';

const variant = process.argv[2] as Variant;
const redisPort = Number(process.argv[3]);
let queued: (() => Promise<number>) | undefined;
const app = express();
let handled = 0;
const onEvent = () => {
  handled += 1;
};

if (variant === 'bare') {
  // The floor: what Express costs to parse JSON and answer, without any checking.
  app.post('/hook', express.json(), (_req, res) => {
    onEvent();
    res.status(200).json({ ok: true });
  });
} else if (variant === 'mta') {
  app.post('/hook', mtaWebhooks({ secret: BENCH_SECRET, handlers: { 'delivery-status': onEvent } }));
} else if (variant === 'mta-redis') {
  // De-duplication in a Redis shared by every instance.
  const client = new Redis({ host: '127.0.0.1', port: redisPort, maxRetriesPerRequest: 1 });
  const store = createRedisStore({ client, prefix: `bench:${process.pid}:` });
  app.post('/hook', mtaWebhooks({ secret: BENCH_SECRET, dedupe: { store }, handlers: { 'delivery-status': onEvent } }));
} else if (variant === 'mta-queue') {
  // Durable hand-off: 200 once Redis holds the job; a worker elsewhere runs the handlers.
  const handoff = createQueueHandoff({ connection: { host: '127.0.0.1', port: redisPort, maxRetriesPerRequest: null }, queueName: `bench-${process.pid}` });
  queued = () => handoff.queue.count();
  app.post('/hook', mtaWebhooks({ secret: BENCH_SECRET, handoff }));
} else if (variant === 'handwritten') {
  // What a careful user writes from the provider docs: raw body, HMAC, constant-time compare, zod.
  const schema = z.object({
    toNumber: z.string().min(1),
    messageId: z.union([z.string(), z.number()]),
    timestamp: z.string(),
    status: z.number(),
  });
  app.post('/hook', express.raw({ type: '*/*' }), (req, res) => {
    const expected = createHmac('sha256', BENCH_SECRET).update(req.body as Buffer).digest();
    const given = Buffer.from(String(req.headers['x-signature'] ?? ''), 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.status(401).json({ error: 'bad signature' });
      return;
    }
    const parsed = schema.safeParse(JSON.parse((req.body as Buffer).toString('utf8')));
    if (!parsed.success) {
      res.status(422).json({ error: 'invalid' });
      return;
    }
    onEvent();
    res.status(200).json({ ok: true });
  });
} else {
  throw new Error(`unknown variant ${variant}`);
}

const server = app.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});

// The parent asks for CPU time and memory between rounds.
process.on('message', async (message: { type: string }) => {
  if (message.type === 'stats') {
    const cpu = process.cpuUsage();
    const accepted = queued ? await queued() : handled;
    process.send?.({ cpuMicros: cpu.user + cpu.system, handled: accepted, rss: process.memoryUsage().rss });
  }
});

// Exit cleanly when the parent stops us, so that --cpu-prof can write its profile.
process.on('SIGTERM', () => process.exit(0));
