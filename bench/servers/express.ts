import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Webhooks, createNodeMiddleware } from '@octokit/webhooks';
import express from 'express';
import Redis from 'ioredis';
import { z } from 'zod';
import { createRedisStore, mtaWebhooks } from 'sms-webhooks';
import { createWebhookMetrics } from 'sms-webhooks/metrics';
import { createWebhookTracing } from 'sms-webhooks/otel';
import { createQueueHandoff } from 'sms-webhooks/queue';
import { BasicTracerProvider, BatchSpanProcessor, InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { Registry } from 'prom-client';
import type { Span } from '@opentelemetry/api';
import { BENCH_SECRET } from '../deliveries.js';
import { FLOOR_BODY, FLOOR_HEADERS, verifyAndParse } from './floor.js';
import type { BenchServer } from './types.js';

/** Express 5 routes: the bare floor, ours, octokit's, and what a careful user writes by hand. */
export const expressServers: Record<string, (redisPort: number) => Promise<BenchServer>> = {
  bare: () => {
    // The floor: what Express costs to parse JSON and answer, without any checking.
    const counter = count();
    return listen(express().post('/hook', express.json(), (_req, res) => {
      counter.add();
      res.status(200).json({ ok: true });
    }), counter);
  },
  mta: () => {
    const counter = count();
    return listen(express().post('/hook', mtaWebhooks({ secret: BENCH_SECRET, handlers: { 'delivery-status': counter.add } })), counter);
  },
  'mta-observed': () => {
    // Metrics in a registry of its own and one span per delivery, batched (as production exports them) to memory.
    const counter = count();
    const tracing = createWebhookTracing({ tracerProvider: batchedToMemory() });
    const metrics = createWebhookMetrics({ registry: new Registry() });
    return listen(express().post('/hook', mtaWebhooks({ secret: BENCH_SECRET, metrics, tracing, handlers: { 'delivery-status': counter.add } })), counter);
  },
  'mta-span': () => {
    // The OpenTelemetry SDK's own share: the same route and the same span pipeline, with an observer that only
    // starts and ends one span per delivery (no attributes, no hashing, no metrics). sms-webhooks' tracing cannot
    // cost less than this.
    const counter = count();
    const tracer = batchedToMemory().getTracer('bench');
    const observer = { started: () => tracer.startSpan('webhook mta'), finished: (_report: unknown, span: unknown) => (span as Span).end() };
    return listen(express().post('/hook', mtaWebhooks({ secret: BENCH_SECRET, observers: [observer], handlers: { 'delivery-status': counter.add } })), counter);
  },
  'mta-redis': (redisPort) => {
    // De-duplication in a Redis shared by every instance.
    const counter = count();
    const client = new Redis({ host: '127.0.0.1', port: redisPort, maxRetriesPerRequest: 1 });
    const store = createRedisStore({ client, prefix: `bench:${process.pid}:` });
    return listen(express().post('/hook', mtaWebhooks({ secret: BENCH_SECRET, dedupe: { store }, handlers: { 'delivery-status': counter.add } })), counter);
  },
  'mta-queue': async (redisPort) => {
    // Durable hand-off: 200 once Redis holds the job; a worker elsewhere runs the handlers.
    const handoff = createQueueHandoff({ connection: { host: '127.0.0.1', port: redisPort, maxRetriesPerRequest: null }, queueName: `bench-${process.pid}` });
    const server = await listen(express().post('/hook', mtaWebhooks({ secret: BENCH_SECRET, handoff })), count());
    return { ...server, handled: () => handoff.queue.count() };
  },
  octokit: () => {
    // octokit's Node middleware verifying the same HMAC: the webhook library most Node developers know.
    const counter = count();
    const webhooks = new Webhooks({ secret: BENCH_SECRET });
    webhooks.on('ping', counter.add);
    return listen(express().post('/hook', createNodeMiddleware(webhooks, { path: '/hook' })), counter);
  },
  floor: () => {
    // The least a verifying route does (HMAC, compare, JSON.parse), on a body read straight from the stream.
    const counter = count();
    return listen(express().post('/hook', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        try {
          verifyAndParse(Buffer.concat(chunks), req.headers['x-signature'] as string | undefined);
        } catch {
          res.writeHead(401).end();
          return;
        }
        counter.add();
        res.writeHead(200, FLOOR_HEADERS).end(FLOOR_BODY);
      });
    }), counter);
  },
  handwritten: () => {
    // What a careful user writes from the provider docs: raw body, HMAC, constant-time compare, zod.
    const counter = count();
    const schema = z.object({ toNumber: z.string().min(1), messageId: z.union([z.string(), z.number()]), timestamp: z.string(), status: z.number() });
    return listen(express().post('/hook', express.raw({ type: '*/*' }), (req, res) => {
      const expected = createHmac('sha256', BENCH_SECRET).update(req.body as Buffer).digest();
      const given = Buffer.from(String(req.headers['x-signature'] ?? ''), 'hex');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        res.status(401).json({ error: 'bad signature' });
        return;
      }
      if (!schema.safeParse(JSON.parse((req.body as Buffer).toString('utf8'))).success) {
        res.status(422).json({ error: 'invalid' });
        return;
      }
      counter.add();
      res.status(200).json({ ok: true });
    }), counter);
  },
};

/** A span pipeline as production runs one (batched), exporting to memory that is emptied every second. */
function batchedToMemory(): BasicTracerProvider {
  const exporter = new InMemorySpanExporter();
  setInterval(() => exporter.reset(), 1000).unref();
  return new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(exporter)] });
}

export function count(): { add: () => void; value: () => number } {
  let handled = 0;
  return { add: () => void (handled += 1), value: () => handled };
}

function listen(app: express.Express, counter: { value: () => number }): Promise<BenchServer> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as AddressInfo).port, handled: async () => counter.value() }));
  });
}
