import express from 'express';
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import request from 'supertest';
import { httpsmsWebhooks } from '../../src/express/httpsms';
import { mtaWebhooks } from '../../src/express/mta';
import { createWebhookTracing } from '../../src/otel';
import { httpsmsFixture, mtaFixture, signedHttpsmsRequest, signedMtaRequest } from '../../src/testing';
import { SECRET } from '../helpers/apps';
import { waitUntil } from '../helpers/redis-server';
import { setUpTracing } from '../helpers/otel';
import { AUDIENCE, SIGNING_KEY } from '../helpers/providers';

describe('createWebhookTracing: one span per delivery', () => {
  const otel = setUpTracing();
  afterAll(() => otel.stop());
  beforeEach(() => otel.exporter.reset());
  const tracing = createWebhookTracing({ tracerProvider: otel.provider });
  const tracer = otel.provider.getTracer('http-instrumentation');

  /** An app whose requests run inside a server span, as HTTP instrumentation makes them. */
  function app(route: express.RequestHandler, path: string) {
    const host = express();
    host.use((_req, res, next) => {
      const server = tracer.startSpan('POST', { kind: SpanKind.SERVER });
      res.on('finish', () => server.end());
      context.with(trace.setSpan(context.active(), server), next);
    });
    return host.post(path, route);
  }

  it('names the span after provider and event, as a child of the HTTP server span, with the delivery attributes', async () => {
    const fixture = mtaFixture('delivery-status', { unique: true });
    const signed = signedMtaRequest(fixture, SECRET);
    const host = app(mtaWebhooks({ secret: SECRET, tracing, logger: false, handlers: { 'delivery-status': () => {} } }), '/mta');
    await request(host).post('/mta').set(signed.headers).send(signed.body).expect(200);
    const spans = otel.exporter.getFinishedSpans();
    const server = spans.find((span) => span.name === 'POST')!;
    const delivery = spans.find((span) => span.name === 'webhook mta delivery-status')!;
    expect(delivery).toBeDefined();
    expect(delivery.parentSpanContext?.spanId).toBe(server.spanContext().spanId);
    expect(delivery.spanContext().traceId).toBe(server.spanContext().traceId);
    expect(delivery.kind).toBe(SpanKind.INTERNAL);
    expect(delivery.attributes).toEqual({
      'sms_webhooks.provider': 'mta',
      'sms_webhooks.event': 'delivery-status',
      'sms_webhooks.version': '3',
      'sms_webhooks.outcome': 'handled',
      'http.response.status_code': 200,
      'sms_webhooks.delivery_key_hash': expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    expect(JSON.stringify(delivery.attributes)).not.toContain(String(fixture.messageId));
    expect(delivery.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('marks a failed delivery as an error, and keeps the provider-only name for a refusal before classification', async () => {
    const host = app(mtaWebhooks({ secret: SECRET, tracing, logger: false, handlers: { 'delivery-status': () => Promise.reject(new Error('cannot reach +15555550123')) } }), '/mta');
    const signed = signedMtaRequest(mtaFixture('delivery-status', { unique: true }), SECRET);
    await request(host).post('/mta').set(signed.headers).send(signed.body).expect(500);
    await request(host).post('/mta').set({ ...signed.headers, 'X-Signature': '0'.repeat(64) }).send(signed.body).expect(401);
    const [failed, refused] = otel.exporter.getFinishedSpans().filter((span) => span.name.startsWith('webhook'));
    expect(failed!.name).toBe('webhook mta delivery-status');
    expect(failed!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'handler.failed' });
    expect(failed!.events.map((event) => event.name)).toEqual(['exception']);
    // The exception names the type and our code; the handler's message (here with a phone number) stays in the logs.
    expect(failed!.events[0]!.attributes).toMatchObject({ 'exception.type': 'Error', 'exception.message': 'handler.failed' });
    expect(JSON.stringify(failed!.events)).not.toContain('15555550123');
    expect(refused!.name).toBe('webhook mta');
    expect(refused!.attributes).toMatchObject({ 'sms_webhooks.outcome': 'rejected', 'http.response.status_code': 401, 'error.type': 'signature.invalid' });
    expect(refused!.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('marks the span an error when a handler failed behind the 503 close() answered', async () => {
    let finish!: () => void;
    let started!: () => void;
    const handlerStarted = new Promise<void>((resolve) => (started = resolve));
    const slow = () => {
      started();
      return new Promise<void>((_resolve, reject) => (finish = () => reject(new Error('db down for +15555550123'))));
    };
    const route = mtaWebhooks({ secret: SECRET, tracing, logger: false, closeTimeoutMs: 50, handlers: { 'delivery-status': slow } });
    const signed = signedMtaRequest(mtaFixture('delivery-status', { unique: true }), SECRET);
    const pending = request(app(route, '/mta')).post('/mta').set(signed.headers).send(signed.body).then((response) => response);
    await handlerStarted;
    await route.close();
    expect((await pending).status).toBe(503);
    finish();
    await waitUntil(() => otel.exporter.getFinishedSpans().some((span) => span.name === 'webhook mta delivery-status'));
    const delivery = otel.exporter.getFinishedSpans().find((span) => span.name === 'webhook mta delivery-status')!;
    expect(delivery.attributes).toMatchObject({ 'sms_webhooks.outcome': 'rejected', 'http.response.status_code': 503, 'error.type': 'receiver.closing' });
    expect(delivery.status).toEqual({ code: SpanStatusCode.ERROR, message: 'receiver.closing' });
    expect(delivery.events.map((event) => event.name)).toEqual(['exception']);
    expect(JSON.stringify(delivery.events)).not.toContain('15555550123');
  });

  it('carries the CloudEvents attributes of an httpSMS delivery', async () => {
    const fixture = httpsmsFixture('message.phone.received', { unique: true });
    const signed = await signedHttpsmsRequest(fixture, SIGNING_KEY, { audience: AUDIENCE });
    const host = app(httpsmsWebhooks({ signingKey: SIGNING_KEY, audience: AUDIENCE, tracing, logger: false }), '/httpsms');
    await request(host).post('/httpsms').set(signed.headers).send(signed.body).expect(200);
    const delivery = otel.exporter.getFinishedSpans().find((span) => span.name === 'webhook httpsms message.phone.received')!;
    expect(delivery.attributes).toMatchObject({
      'sms_webhooks.outcome': 'no_handler',
      'cloudevents.event_id': fixture.id,
      'cloudevents.event_type': 'message.phone.received',
      'cloudevents.event_source': fixture.source,
    });
  });

  it('starts a trace of its own when no span is active, and checks its options', async () => {
    const route = mtaWebhooks({ secret: SECRET, tracing, logger: false });
    const signed = signedMtaRequest(mtaFixture('number-opt-in', { unique: true }), SECRET);
    await request(express().post('/mta', route)).post('/mta').set(signed.headers).send(signed.body).expect(200);
    const [delivery] = otel.exporter.getFinishedSpans();
    expect(delivery!.parentSpanContext).toBeUndefined();
    expect(delivery!.kind).toBe(SpanKind.SERVER);
    expect(() => createWebhookTracing({ tracerProvider: {} as never })).toThrow(/Option "tracerProvider"/);
    expect(() => mtaWebhooks({ secret: SECRET, tracing: {} as never })).toThrow(/Option "tracing"/);
  });
});
