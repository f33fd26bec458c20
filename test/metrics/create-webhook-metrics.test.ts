import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Counter, Gauge, Registry } from 'prom-client';
import request from 'supertest';
import { httpsmsWebhooks } from '../../src/express/httpsms';
import { mtaWebhooks } from '../../src/express/mta';
import { createWebhookMetrics } from '../../src/metrics';
import { createStatusTracker } from '../../src/status';
import { httpsmsFixture, mtaFixture, signedHttpsmsRequest, signedMtaRequest } from '../../src/testing';
import { SECRET } from '../helpers/apps';
import { AUDIENCE, SIGNING_KEY } from '../helpers/providers';
import { waitUntil } from '../helpers/redis-server';

/** The value of one series in the registry's text exposition, as Prometheus scrapes it. */
async function scraped(registry: Registry, series: string): Promise<number | undefined> {
  const line = (await registry.metrics()).split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('createWebhookMetrics through real Express routes', () => {
  function app(registry: Registry) {
    const metrics = createWebhookMetrics({ registry });
    const host = express();
    host.post('/mta', mtaWebhooks({ secret: SECRET, metrics, logger: false, handlers: { 'delivery-status': () => {}, 'message-reply': () => Promise.reject(new Error('db down')) } }));
    host.post('/httpsms', httpsmsWebhooks({ signingKey: SIGNING_KEY, audience: AUDIENCE, metrics, logger: false, handlers: { 'message.phone.received': () => {} } }));
    return host;
  }

  it('counts MTA deliveries by event, outcome and status, and times them', async () => {
    const registry = new Registry();
    const host = app(registry);
    const status = signedMtaRequest(mtaFixture('delivery-status', { unique: true }), SECRET);
    await request(host).post('/mta').set(status.headers).send(status.body).expect(200);
    await request(host).post('/mta').set(status.headers).send(status.body).expect(200, { ok: true, duplicate: true });
    const optIn = signedMtaRequest(mtaFixture('number-opt-in', { unique: true }), SECRET);
    await request(host).post('/mta').set(optIn.headers).send(optIn.body).expect(200);
    const reply = signedMtaRequest(mtaFixture('message-reply', { unique: true }), SECRET);
    await request(host).post('/mta').set(reply.headers).send(reply.body).expect(500);
    await request(host).post('/mta').set({ ...status.headers, 'X-Signature': '0'.repeat(64) }).send(status.body).expect(401);

    const total = 'sms_webhooks_deliveries_total';
    expect(await scraped(registry, `${total}{provider="mta",event="delivery-status",outcome="handled",status="200"}`)).toBe(1);
    expect(await scraped(registry, `${total}{provider="mta",event="delivery-status",outcome="duplicate",status="200"}`)).toBe(1);
    expect(await scraped(registry, `${total}{provider="mta",event="number-opt-in",outcome="no_handler",status="200"}`)).toBe(1);
    expect(await scraped(registry, `${total}{provider="mta",event="message-reply",outcome="failed",status="500"}`)).toBe(1);
    expect(await scraped(registry, `${total}{provider="mta",event="unknown",outcome="rejected",status="401"}`)).toBe(1);
    expect(await scraped(registry, 'sms_webhooks_delivery_duration_seconds_count{provider="mta",event="delivery-status",outcome="handled"}')).toBe(1);
    expect(await scraped(registry, 'sms_webhooks_delivery_duration_seconds_bucket{le="5",provider="mta",event="delivery-status",outcome="handled"}')).toBe(1);
    expect(await scraped(registry, 'sms_webhooks_in_flight{provider="mta"}')).toBe(0);
  });

  it('counts a client that hung up mid-body as aborted (499), not as a failure of ours', async () => {
    const registry = new Registry();
    const server = app(registry).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    const client = httpRequest({ host: '127.0.0.1', port, path: '/mta', method: 'POST', headers: { 'content-length': '1000' } });
    client.on('error', () => {});
    client.write('{"toNumber":');
    await waitUntil(async () => (await scraped(registry, 'sms_webhooks_in_flight{provider="mta"}')) === 1);
    client.destroy();
    const aborted = 'sms_webhooks_deliveries_total{provider="mta",event="unknown",outcome="aborted",status="499"}';
    await waitUntil(async () => (await scraped(registry, aborted)) === 1);
    server.close();
    expect((await registry.metrics())).not.toMatch(/outcome="failed"/);
    expect(await scraped(registry, 'sms_webhooks_in_flight{provider="mta"}')).toBe(0);
  });

  it('pairs each delivery with the observers it started with, when one is added mid-delivery', async () => {
    const registry = new Registry();
    let release: (() => void) | undefined;
    const route = mtaWebhooks({ secret: SECRET, logger: false, handlers: { 'delivery-status': () => new Promise<void>((resolve) => (release = resolve)) } });
    route.receiver.observe({ finished: () => {} }); // an inspector, say, watching from the start
    const host = express().post('/mta', route);
    const status = signedMtaRequest(mtaFixture('delivery-status', { unique: true }), SECRET);
    const answered = request(host).post('/mta').set(status.headers).send(status.body).then((response) => response.status);
    await waitUntil(() => release !== undefined);
    route.receiver.observe(createWebhookMetrics({ registry })); // added while that delivery is being handled
    release!();
    expect(await answered).toBe(200);
    // The metrics never saw this delivery start, so they must not see it finish: the gauge stays at 0, not -1.
    expect(await scraped(registry, 'sms_webhooks_in_flight{provider="mta"}')).toBeUndefined();
    expect(await scraped(registry, 'sms_webhooks_deliveries_total{provider="mta",event="delivery-status",outcome="handled",status="200"}')).toBeUndefined();
    // It does count the deliveries it sees from their start.
    release = undefined;
    const next = signedMtaRequest(mtaFixture('delivery-status', { unique: true }), SECRET);
    const second = request(host).post('/mta').set(next.headers).send(next.body).then((response) => response.status);
    await waitUntil(() => release !== undefined);
    expect(await scraped(registry, 'sms_webhooks_in_flight{provider="mta"}')).toBe(1);
    release!();
    expect(await second).toBe(200);
    expect(await scraped(registry, 'sms_webhooks_in_flight{provider="mta"}')).toBe(0);
    expect(await scraped(registry, 'sms_webhooks_deliveries_total{provider="mta",event="delivery-status",outcome="handled",status="200"}')).toBe(1);
  });

  it('counts httpSMS deliveries, and never puts ids or phone numbers in a label', async () => {
    const registry = new Registry();
    const host = app(registry);
    const fixture = httpsmsFixture('message.phone.received', { unique: true });
    const signed = await signedHttpsmsRequest(fixture, SIGNING_KEY, { audience: AUDIENCE });
    await request(host).post('/httpsms').set(signed.headers).send(signed.body).expect(200);
    expect(await scraped(registry, 'sms_webhooks_deliveries_total{provider="httpsms",event="message.phone.received",outcome="handled",status="200"}')).toBe(1);
    const text = await registry.metrics();
    const data = fixture.data as Record<string, string>;
    for (const personal of [fixture.id as string, data.contact, data.owner].filter(Boolean)) expect(text).not.toContain(personal);
  });

  it('counts a refusal for an unreachable store, by store', async () => {
    const registry = new Registry();
    const broken = { claim: () => Promise.reject(new Error('redis down')), complete: () => {}, release: () => {} };
    const route = mtaWebhooks({ secret: SECRET, logger: false, metrics: createWebhookMetrics({ registry }), dedupe: { store: broken, onStoreError: 'refuse' } as never });
    const signed = signedMtaRequest(mtaFixture('delivery-status', { unique: true }), SECRET);
    await request(express().post('/mta', route)).post('/mta').set(signed.headers).send(signed.body).expect(503);
    expect(await scraped(registry, 'sms_webhooks_store_errors_total{provider="mta",store="dedupe"}')).toBe(1);
    // The status store, named as such (not inferred from a message).
    const unreachable = { update: () => Promise.reject(new Error('redis down')), get: () => Promise.reject(new Error('redis down')) };
    const tracked = mtaWebhooks({
      secret: SECRET,
      logger: false,
      metrics: createWebhookMetrics({ registry }),
      dedupe: { onStoreError: 'refuse' },
      statusTracker: createStatusTracker({ store: unreachable, logger: false }),
    });
    const status = signedMtaRequest(mtaFixture('delivery-status', { unique: true }), SECRET);
    await request(express().post('/mta', tracked)).post('/mta').set(status.headers).send(status.body).expect(503);
    expect(await scraped(registry, 'sms_webhooks_store_errors_total{provider="mta",store="status"}')).toBe(1);
  });

  it('reuses the metrics already in a registry (two receivers, one series), and checks its options', async () => {
    const registry = new Registry();
    for (const id of ['reuse-1', 'reuse-2']) {
      // Each route made with its own createWebhookMetrics on the same registry.
      const route = mtaWebhooks({ secret: SECRET, logger: false, metrics: createWebhookMetrics({ registry }), handlers: { 'delivery-status': () => {} } });
      const signed = signedMtaRequest(mtaFixture('delivery-status', { overrides: { messageId: id } }), SECRET);
      await request(express().post('/mta', route)).post('/mta').set(signed.headers).send(signed.body).expect(200);
    }
    expect(await scraped(registry, 'sms_webhooks_deliveries_total{provider="mta",event="delivery-status",outcome="handled",status="200"}')).toBe(2);
    expect(() => createWebhookMetrics({ registry: {} as never })).toThrow(/Option "registry"/);
    expect(() => createWebhookMetrics({ buckets: [0, 1] })).toThrow(/Option "buckets"/);
    expect(() => mtaWebhooks({ secret: SECRET, metrics: {} as never })).toThrow(/Option "metrics"/);
  });

  it('shows every delivery at every scrape, however scrapes and deliveries interleave (get() too)', async () => {
    const registry = new Registry();
    const route = mtaWebhooks({ secret: SECRET, logger: false, metrics: createWebhookMetrics({ registry }), handlers: { 'delivery-status': () => {} } });
    const host = express().post('/mta', route);
    const series = 'sms_webhooks_deliveries_total{provider="mta",event="delivery-status",outcome="handled",status="200"}';
    const send = async () => {
      const signed = signedMtaRequest(mtaFixture('delivery-status', { unique: true }), SECRET);
      await request(host).post('/mta').set(signed.headers).send(signed.body).expect(200);
    };
    await send();
    await send();
    expect(await scraped(registry, series)).toBe(2);
    expect(await scraped(registry, series)).toBe(2);
    await send();
    const counter = registry.getSingleMetric('sms_webhooks_deliveries_total') as Counter;
    expect((await counter.get()).values).toEqual([expect.objectContaining({ value: 3 })]);
    expect(await scraped(registry, series)).toBe(3);
    expect(await scraped(registry, 'sms_webhooks_in_flight{provider="mta"}')).toBe(0);
  });

  it('counts into metrics of the same names that something else registered first', async () => {
    const registry = new Registry();
    // As another copy of this package (its CommonJS build, say) would have made them.
    new Counter({ name: 'sms_webhooks_deliveries_total', help: 'theirs', labelNames: ['provider', 'event', 'outcome', 'status'], registers: [registry] });
    new Gauge({ name: 'sms_webhooks_in_flight', help: 'theirs', labelNames: ['provider'], registers: [registry] });
    const route = mtaWebhooks({ secret: SECRET, logger: false, metrics: createWebhookMetrics({ registry }), handlers: { 'delivery-status': () => {} } });
    const signed = signedMtaRequest(mtaFixture('delivery-status', { unique: true }), SECRET);
    await request(express().post('/mta', route)).post('/mta').set(signed.headers).send(signed.body).expect(200);
    expect(await scraped(registry, 'sms_webhooks_deliveries_total{provider="mta",event="delivery-status",outcome="handled",status="200"}')).toBe(1);
    expect(await scraped(registry, 'sms_webhooks_in_flight{provider="mta"}')).toBe(0);
  });

  it('keeps what another copy of the package counted into the same series (its CommonJS build, say)', async () => {
    const registry = new Registry();
    const route = mtaWebhooks({ secret: SECRET, logger: false, metrics: createWebhookMetrics({ registry }), handlers: { 'delivery-status': () => {} } });
    const signed = signedMtaRequest(mtaFixture('delivery-status', { unique: true }), SECRET);
    await request(express().post('/mta', route)).post('/mta').set(signed.headers).send(signed.body).expect(200);
    // What the other copy does through prom-client for a delivery it is holding, and one it answered.
    (registry.getSingleMetric('sms_webhooks_in_flight') as Gauge).inc({ provider: 'mta' });
    (registry.getSingleMetric('sms_webhooks_deliveries_total') as Counter).inc({ provider: 'mta', event: 'delivery-status', outcome: 'handled', status: '200' });
    expect(await scraped(registry, 'sms_webhooks_in_flight{provider="mta"}')).toBe(1);
    expect(await scraped(registry, 'sms_webhooks_deliveries_total{provider="mta",event="delivery-status",outcome="handled",status="200"}')).toBe(2);
    expect(await scraped(registry, 'sms_webhooks_in_flight{provider="mta"}')).toBe(1);
  });
});
