import express from 'express';
import request from 'supertest';
import { mtaWebhooks } from '../../src/express/mta';
import { createMemoryStore } from '../../src/core/store/memory-store';
import { mtaFixture, signedMtaRequest } from '../../src/testing';
import { SECRET } from '../helpers/apps';
import { expectError } from '../helpers/mta-app';
import { listen, sendOverSocket } from '../helpers/socket-client';
import { waitUntil } from '../helpers/redis-server';
import { captureLogs } from '../helpers/log-capture';
import type { DeliveryReport } from '../../src/core/observe';

const delivery = (id: string) => signedMtaRequest(mtaFixture('delivery-status', { overrides: { messageId: id } }), SECRET);

describe('close() leaves no delivery unanswered', () => {
  it('answers 503 receiver.closing to a handler that never settles, at the close timeout, and releases its claim', async () => {
    const store = createMemoryStore();
    let started!: () => void;
    const handlerStarted = new Promise<void>((resolve) => (started = resolve));
    const stuck = () => {
      started();
      return new Promise(() => {});
    };
    const route = mtaWebhooks({ secret: SECRET, closeTimeoutMs: 100, dedupe: { store }, handlers: { 'delivery-status': stuck } });
    const app = express().post('/mta', route);
    const { body, headers } = delivery('stuck-1');
    const pending = request(app).post('/mta').set(headers).send(body).then((response) => response);
    // Closed only once the handler runs (and so holds the claim), however loaded the machine is.
    await handlerStarted;
    await route.close();
    expectError(await pending, 503, 'receiver.closing');
    // The claim was given back: another instance sharing the store takes the retry as a redelivery.
    expect(store.claim('mta:delivery-status:stuck-1:4', 1000)).toMatchObject({ state: 'claimed', redelivery: true });
  });

  it.each(['succeeds', 'fails'])('reports a delivery answered 503 by close() as the provider saw it, when its handler later %s, in one log line', async (ending) => {
    const reports: DeliveryReport[] = [];
    const logs = captureLogs('info');
    let started!: () => void;
    const handlerStarted = new Promise<void>((resolve) => (started = resolve));
    let finish!: () => void;
    const slow = () => {
      started();
      return new Promise<void>((resolve, reject) => (finish = () => (ending === 'fails' ? reject(new Error('db down')) : resolve())));
    };
    const route = mtaWebhooks({ secret: SECRET, closeTimeoutMs: 50, logger: logs.logger, observers: [{ finished: (report) => void reports.push(report) }], handlers: { 'delivery-status': slow } });
    const { body, headers } = delivery(`late-${ending}`);
    const pending = request(express().post('/mta', route)).post('/mta').set(headers).send(body).then((response) => response);
    await handlerStarted;
    await route.close();
    expectError(await pending, 503, 'receiver.closing');
    finish();
    await waitUntil(() => reports.length > 0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(reports).toEqual([expect.objectContaining({ outcome: 'rejected', status: 503, code: 'receiver.closing', event: 'delivery-status' })]);
    // A handler failure behind the 503 stays on the report, for traces and logs.
    expect((reports[0]?.error as Error | undefined)?.message).toBe(ending === 'fails' ? 'db down' : undefined);
    // One line for the delivery (the others are close()'s own), and no "handled" line for what the provider saw as a 503.
    const deliveryLines = logs.lines.filter((line) => line.event === 'delivery-status');
    expect(deliveryLines).toHaveLength(1);
    expect(deliveryLines[0]).toMatchObject({ status: 503, code: 'receiver.closing' });
    if (ending === 'fails') expect(JSON.stringify(deliveryLines[0]?.err)).toContain('db down');
    // Above debug, that line holds no phone number and no body, as any delivery's line.
    const { toNumber, fromNumber } = JSON.parse(String(body)) as { toNumber: string; fromNumber: string };
    expect(logs.text()).not.toContain(toNumber);
    expect(logs.text()).not.toContain(fromNumber);
    expect(logs.text()).not.toContain(String(body));
  });

  it('answers 503 to a body still arriving when close() began, and does not run its handler', async () => {
    let handled = 0;
    const route = mtaWebhooks({ secret: SECRET, closeTimeoutMs: 2000, handlers: { 'delivery-status': () => void (handled += 1) } });
    const server = await listen(express().post('/mta', route));
    try {
      const { body, headers } = delivery('slow-1');
      const bytes = Buffer.from(body);
      const answer = sendOverSocket(
        server.port,
        { path: '/mta', headers: { ...headers, 'Content-Length': String(bytes.length) } },
        [bytes.subarray(0, 20), bytes.subarray(20)],
        150,
      );
      // Closed as soon as the request reached the server: the rest of its body follows 150 ms later.
      await new Promise((resolve) => server.server.once('request', resolve));
      const closed = route.close();
      const answered = await answer;
      await closed;
      expect(answered.status).toBe(503);
      expect(answered.body).toEqual({ error: { code: 'receiver.closing', message: expect.any(String) } });
      expect(handled).toBe(0);
    } finally {
      await server.close();
    }
  });
});
