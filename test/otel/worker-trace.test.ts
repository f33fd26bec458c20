import express from 'express';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { Registry } from 'prom-client';
import { mtaWebhooks } from '../../src/express/mta';
import { createWebhookMetrics } from '../../src/metrics';
import { createWebhookTracing } from '../../src/otel';
import { createWebhookWorker } from '../../src/queue/worker';
import type { WorkerHandlers } from '../../src/queue/worker-handlers';
import { mtaFixture, signedMtaRequest } from '../../src/testing';
import { SECRET } from '../helpers/apps';
import { setUpTracing } from '../helpers/otel';
import { rawPost } from '../helpers/raw-post';
import { queueTestbed } from '../helpers/queue-testbed';
import { describeWithRedis, waitUntil } from '../helpers/redis-server';

describeWithRedis('the queue worker: metrics and traces of each job', () => {
  const bed = queueTestbed({ backoffMs: 20, attempts: 2, logger: false });
  const connection = bed.connection;
  const otel = setUpTracing();
  const tracing = createWebhookTracing({ tracerProvider: otel.provider });

  afterAll(() => otel.stop());
  beforeEach(() => otel.exporter.reset());

  const enqueue = async (event: 'delivery-status' | 'message-reply') => {
    const app = express().post('/mta', mtaWebhooks({ secret: SECRET, handoff: bed.handoff, tracing, logger: false }));
    const { body, headers } = signedMtaRequest(mtaFixture(event, { unique: true }), SECRET);
    expect((await rawPost(app, '/mta', headers, body)).status).toBe(200);
  };
  const startWorker = (handlers: WorkerHandlers, registry?: Registry) => {
    const metrics = registry ? createWebhookMetrics({ registry }) : undefined;
    bed.workers.push(createWebhookWorker({ connection: connection(), queueName: bed.queueName, handlers, tracing, metrics, logger: false }));
  };

  it('continues the trace of the delivery that queued the job, with the handlers inside the job span', async () => {
    await enqueue('delivery-status');
    const handlerSpans: string[] = [];
    const tracer = otel.provider.getTracer('app');
    startWorker({ mta: { 'delivery-status': () => void tracer.startActiveSpan('save status', (span) => (handlerSpans.push(span.spanContext().spanId), span.end())) } });
    await waitUntil(() => otel.exporter.getFinishedSpans().some((span) => span.name === 'webhook job mta delivery-status'));
    const spans = otel.exporter.getFinishedSpans();
    const delivery = spans.find((span) => span.name === 'webhook mta delivery-status')!;
    const job = spans.find((span) => span.name === 'webhook job mta delivery-status')!;
    const saved = spans.find((span) => span.name === 'save status')!;
    expect(delivery.attributes['sms_webhooks.outcome']).toBe('queued');
    expect(job.spanContext().traceId).toBe(delivery.spanContext().traceId);
    expect(job.parentSpanContext?.spanId).toBe(delivery.spanContext().spanId);
    expect(job.kind).toBe(SpanKind.CONSUMER);
    expect(job.attributes).toMatchObject({ 'sms_webhooks.event': 'delivery-status', 'sms_webhooks.job.result': 'handled', 'sms_webhooks.job.attempt': 1 });
    expect(job.attributes['sms_webhooks.delivery_key_hash']).toBe(delivery.attributes['sms_webhooks.delivery_key_hash']);
    expect(saved.parentSpanContext?.spanId).toBe(job.spanContext().spanId);
  });

  it('counts jobs in sms_webhooks_queue_jobs_total by result, and marks failed job spans as errors', async () => {
    const registry = new Registry();
    await enqueue('delivery-status');
    await enqueue('message-reply');
    startWorker({ mta: { 'delivery-status': () => {}, 'message-reply': () => Promise.reject(new Error('crm down')) } }, registry);
    await waitUntil(async () => (await bed.handoff.queue.getJobCounts('failed')).failed === 1 && (await bed.handoff.queue.getJobCounts('completed')).completed === 1);
    const text = await registry.metrics();
    expect(text).toContain('sms_webhooks_queue_jobs_total{provider="mta",event="delivery-status",result="handled"} 1');
    expect(text).toContain('sms_webhooks_queue_jobs_total{provider="mta",event="message-reply",result="retrying"} 1');
    expect(text).toContain('sms_webhooks_queue_jobs_total{provider="mta",event="message-reply",result="failed"} 1');
    const failed = otel.exporter.getFinishedSpans().filter((span) => span.name === 'webhook job mta message-reply');
    expect(failed.map((span) => span.status.code)).toEqual([SpanStatusCode.ERROR, SpanStatusCode.ERROR]);
  });

  it('checks the options when the worker is made', () => {
    expect(() => createWebhookWorker({ connection: connection(), handlers: {}, metrics: {} as never })).toThrow(/Option "metrics"/);
  });
});
