import express from 'express';
import request from 'supertest';
import { mtaWebhooks } from '../../src/express/mta';
import { createMtaReceiver } from '../../src/mta/receiver';
import type { DeliveryStore } from '../../src/core/store/store';
import { createMemoryStore } from '../../src/core/store/memory-store';
import type { HandlerContext } from '../../src/core/delivery-context';
import { mtaFixture, signedMtaRequest } from '../../src/testing';
import { SECRET } from '../helpers/apps';
import { captureLogs } from '../helpers/log-capture';
import { expectError } from '../helpers/mta-app';

const delivery = () => signedMtaRequest(mtaFixture('delivery-status'), SECRET);
const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
};

describe('de-duplication (default: an in-memory store per receiver)', () => {
  it('runs a handler once per key: a repeated delivery answers 200 without running it again', async () => {
    const contexts: HandlerContext[] = [];
    const app = express().post('/mta', mtaWebhooks({ secret: SECRET, handlers: { 'delivery-status': (_event, ctx) => void contexts.push(ctx) } }));
    const { body, headers } = delivery();
    expect((await request(app).post('/mta').set(headers).send(body)).status).toBe(200);
    expect((await request(app).post('/mta').set(headers).send(body)).status).toBe(200);
    expect(contexts).toHaveLength(1);
    expect(contexts[0]).toMatchObject({ key: 'mta:delivery-status:48213377:4', redelivery: false });
  });

  it('answers 409 delivery.in_progress to a copy that arrives while the first is being handled', async () => {
    const gate = deferred();
    let runs = 0;
    const app = express().post('/mta', mtaWebhooks({ secret: SECRET, handlers: { 'delivery-status': async () => { runs += 1; await gate.promise; } } }));
    const { body, headers } = delivery();
    const first = request(app).post('/mta').set(headers).send(body).then((response) => response);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expectError(await request(app).post('/mta').set(headers).send(body), 409, 'delivery.in_progress');
    gate.resolve();
    expect((await first).status).toBe(200);
    expect(runs).toBe(1);
  });

  it('releases the key when a handler fails, so the retry runs it, flagged as a redelivery', async () => {
    const contexts: HandlerContext[] = [];
    let fail = true;
    const handlers = {
      'delivery-status': (_event: unknown, ctx: HandlerContext) => {
        contexts.push(ctx);
        if (fail) {
          fail = false;
          throw new Error('database down');
        }
      },
    };
    const app = express().post('/mta', mtaWebhooks({ secret: SECRET, handlers }));
    const { body, headers } = delivery();
    expectError(await request(app).post('/mta').set(headers).send(body), 500, 'handler.failed');
    expect((await request(app).post('/mta').set(headers).send(body)).status).toBe(200);
    expect((await request(app).post('/mta').set(headers).send(body)).status).toBe(200);
    expect(contexts.map((ctx) => ctx.redelivery)).toEqual([false, true]);
  });

  it('takes a deliveryKey option, and can be switched off', async () => {
    let runs = 0;
    const byExternalId = createMtaReceiver({ secret: SECRET, deliveryKey: (event) => `order:${event.normalized.externalId}`, handlers: { 'delivery-status': () => void runs++ } });
    const first = signedMtaRequest(mtaFixture('delivery-status', { overrides: { status: 3 } }), SECRET);
    const second = signedMtaRequest(mtaFixture('delivery-status', { overrides: { status: 4 } }), SECRET);
    await byExternalId.receive({ rawBody: first.body, headers: first.headers });
    await byExternalId.receive({ rawBody: second.body, headers: second.headers });
    expect(runs).toBe(1);
    const off = createMtaReceiver({ secret: SECRET, dedupe: false, handlers: { 'delivery-status': () => void runs++ } });
    await off.receive({ rawBody: first.body, headers: first.headers });
    await off.receive({ rawBody: first.body, headers: first.headers });
    expect(runs).toBe(3);
  });

  it('handles anyway and logs an error when the store is unreachable (default policy)', async () => {
    const logs = captureLogs('info');
    let runs = 0;
    const receiver = createMtaReceiver({ secret: SECRET, logger: logs.logger, dedupe: { store: brokenStore() }, handlers: { 'delivery-status': () => void runs++ } });
    const { body, headers } = delivery();
    await expect(receiver.receive({ rawBody: body, headers })).resolves.toMatchObject({ type: 'delivery-status' });
    expect(runs).toBe(1);
    expect(logs.lines.find((line) => line.level === 50)).toMatchObject({ msg: expect.stringMatching(/store unreachable/), err: { message: 'connection refused' } });
  });

  it('answers 409 to a copy whose shared claim lost to a claim in this process, and logs a claim it could not give back', async () => {
    const logs = captureLogs('info');
    let runs = 0;
    const slowClaim = deferred();
    let claims = 0;
    const released: Array<[string, string]> = [];
    // The first copy's claim is slow to come back; meanwhile the store fails the second copy, which then runs
    // with a claim in this process only. The store cannot give the first copy's claim back either.
    const store: DeliveryStore = {
      claim: () => (++claims === 1 ? slowClaim.promise.then(() => ({ state: 'claimed', redelivery: false, token: 't1' }) as const) : Promise.reject(new Error('connection refused'))),
      complete: () => undefined,
      release: (key, token) => {
        released.push([key, token]);
        throw new Error('release refused');
      },
    };
    const handlerRunning = deferred();
    const finishHandler = deferred();
    const receiver = createMtaReceiver({
      secret: SECRET,
      logger: logs.logger,
      dedupe: { store },
      handlers: { 'delivery-status': async () => { runs++; handlerRunning.resolve(); await finishHandler.promise; } },
    });
    const { body, headers } = delivery();
    const first = receiver.receive({ rawBody: body, headers }).catch((error: unknown) => error);
    const second = receiver.receive({ rawBody: body, headers });
    await handlerRunning.promise;
    slowClaim.resolve();
    expect(await first).toMatchObject({ status: 409, code: 'delivery.in_progress' });
    finishHandler.resolve();
    await expect(second).resolves.toMatchObject({ type: 'delivery-status' });
    expect(runs).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(logs.lines).toContainEqual(expect.objectContaining({ level: 50, msg: expect.stringMatching(/could not release the delivery in the de-duplication store/), err: expect.objectContaining({ message: 'release refused' }) }));
    // The claim given back is the first copy's, in the store, under its own token.
    expect(released).toEqual([[expect.stringMatching(/^mta:delivery-status:/), 't1']]);
  });

  it("answers 503 store.unavailable with onStoreError: 'refuse', running nothing", async () => {
    let runs = 0;
    const app = express().post('/mta', mtaWebhooks({ secret: SECRET, dedupe: { store: brokenStore(), onStoreError: 'refuse' }, handlers: { 'delivery-status': () => void runs++ } }));
    const { body, headers } = delivery();
    expectError(await request(app).post('/mta').set(headers).send(body), 503, 'store.unavailable');
    expect(runs).toBe(0);
  });

  it('checks its options', () => {
    expect(() => createMtaReceiver({ secret: 's', dedupe: { onStoreError: 'ignore' as never } })).toThrow(/dedupe.onStoreError/);
    expect(() => createMtaReceiver({ secret: 's', dedupe: { store: {} as never } })).toThrow(/dedupe.store/);
    expect(() => createMtaReceiver({ secret: 's', dedupe: { retentionMs: 0 } })).toThrow(/dedupe.retentionMs/);
    expect(() => createMtaReceiver({ secret: 's', dedupe: { maxEntries: 0.5 } })).toThrow(/dedupe.maxEntries/);
    expect(() => createMtaReceiver({ secret: 's', deliveryKey: 'id' as never })).toThrow(/deliveryKey/);
  });
});

describe('the memory store', () => {
  it('is bounded in entries, oldest first out, and in time', () => {
    let now = 0;
    const store = createMemoryStore({ maxEntries: 2, now: () => now });
    for (const key of ['a', 'b', 'c']) {
      const claim = store.claim(key, 1000);
      if (claim.state === 'claimed') store.complete(key, claim.token, 5000);
    }
    expect(store.size).toBe(2);
    expect((store.claim('a', 1000)).state).toBe('claimed'); // forgotten: oldest
    expect((store.claim('c', 1000)).state).toBe('done');
    now = 6000;
    expect((store.claim('c', 1000)).state).toBe('claimed'); // retention over
  });

  it('reports keys forgotten for room before their time, and only those', () => {
    let now = 0;
    const early: Array<{ key: string; remainingMs: number }> = [];
    const store = createMemoryStore({ maxEntries: 1, now: () => now, onEarlyEviction: (eviction) => void early.push(eviction) });
    store.complete('a', '', 5000);
    now = 6000;
    store.complete('b', '', 5000); // 'a' had expired: forgetting it loses nothing
    now = 7000;
    store.complete('c', '', 5000);
    expect(early).toEqual([{ key: 'b', remainingMs: 4000 }]);
  });

  it('completes a key whether or not the completing token still holds the claim, and keeps the key for retentionMs', () => {
    let now = 0;
    const store = createMemoryStore({ now: () => now });
    const first = store.claim('k', 1000);
    now = 1500; // the first claim lapsed; a retry claims the key again
    const second = store.claim('k', 1000);
    expect(second).toMatchObject({ state: 'claimed', redelivery: true });
    if (first.state !== 'claimed' || second.state !== 'claimed') throw new Error('expected claims');
    store.complete('k', second.token, 5000);
    expect(store.claim('k', 1000)).toEqual({ state: 'done' });
    store.complete('k', first.token, 5000); // the slow first attempt finishes too: still done, for 5 s from now
    now = 6400;
    expect(store.claim('k', 1000)).toEqual({ state: 'done' });
    now = 6600;
    expect(store.claim('k', 1000)).toMatchObject({ state: 'claimed', redelivery: false });
    expect(store.size).toBe(1);
  });

  it('evicts the oldest claim first when full, done or not: completing a claim keeps its place', () => {
    const evicted: string[] = [];
    const store = createMemoryStore({ maxEntries: 2, onEarlyEviction: ({ key }) => void evicted.push(key) });
    const a = store.claim('a', 60_000);
    store.claim('b', 60_000);
    if (a.state !== 'claimed') throw new Error('expected a claim');
    store.complete('a', a.token, 86_400_000);
    store.claim('c', 60_000);
    expect(evicted).toEqual(['a']);
    expect(store.peek('a')).toBeUndefined();
    expect(store.peek('b')).toBe('in_progress');
  });

  it('lets a claim lapse after its time, and the next claim is a redelivery', () => {
    let now = 0;
    const store = createMemoryStore({ now: () => now });
    expect(store.claim('k', 1000)).toMatchObject({ state: 'claimed', redelivery: false });
    expect(store.claim('k', 1000)).toEqual({ state: 'in_progress' });
    now = 1500;
    expect(store.claim('k', 1000)).toMatchObject({ state: 'claimed', redelivery: true });
  });
});

describe('dedupe.maxEntries (the in-memory store is bounded by count too)', () => {
  it('warns once when keys are forgotten before retentionMs: a replay of an early delivery then runs again', async () => {
    const logs = captureLogs('info');
    const handled: string[] = [];
    const receiver = createMtaReceiver({
      secret: SECRET,
      logger: logs.logger,
      dedupe: { maxEntries: 2 },
      handlers: { 'delivery-status': (event) => void handled.push(event.normalized.messageId) },
    });
    const send = (id: string) => {
      const { body, headers } = signedMtaRequest(mtaFixture('delivery-status', { overrides: { messageId: id } }), SECRET);
      return receiver.receive({ rawBody: body, headers });
    };
    for (const id of ['1', '2', '3', '4', '5']) await send(id);
    await send('1'); // a replay of the first delivery, forgotten for room
    expect(handled).toEqual(['1', '2', '3', '4', '5', '1']);
    const warnings = logs.lines.filter((line) => line.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      key: 'mta:delivery-status:1:4',
      maxEntries: 2,
      msg: expect.stringMatching(/dedupe\.maxEntries = 2.*replay of an early delivery runs its handlers again/),
    });
  });
});

describe('graceful shutdown', () => {
  it('answers 503 receiver.closing once closing, after letting the delivery in flight finish', async () => {
    const gate = deferred();
    let finished = 0;
    const route = mtaWebhooks({ secret: SECRET, handlers: { 'delivery-status': async () => { await gate.promise; finished += 1; } } });
    const app = express().post('/mta', route);
    const { body, headers } = delivery();
    const inFlight = request(app).post('/mta').set(headers).send(body).then((response) => response);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closed = route.close();
    const late = signedMtaRequest(mtaFixture('delivery-status', { overrides: { messageId: '1' } }), SECRET);
    expectError(await request(app).post('/mta').set(late.headers).send(late.body), 503, 'receiver.closing');
    gate.resolve();
    await closed;
    expect((await inFlight).status).toBe(200);
    expect(finished).toBe(1);
  });

  it('answers 503 and releases the claims of handlers that outlast the close timeout, so the retry runs them', async () => {
    const store = createMemoryStore();
    const gate = deferred();
    const slow = createMtaReceiver({ secret: SECRET, closeTimeoutMs: 50, dedupe: { store }, handlers: { 'delivery-status': () => gate.promise } });
    const { body, headers } = delivery();
    const pending = slow.receive({ rawBody: body, headers });
    const refused = expect(pending).rejects.toMatchObject({ status: 503, code: 'receiver.closing' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await slow.close();
    await refused;
    // Another instance sharing the store gets the delivery as a redelivery.
    const contexts: HandlerContext[] = [];
    const next = createMtaReceiver({ secret: SECRET, dedupe: { store }, handlers: { 'delivery-status': (_event, ctx) => void contexts.push(ctx) } });
    await next.receive({ rawBody: body, headers });
    expect(contexts).toEqual([expect.objectContaining({ redelivery: true })]);
    gate.resolve();
  });
});

function brokenStore(): DeliveryStore {
  const fail = () => Promise.reject(new Error('connection refused'));
  return { claim: fail, complete: fail, release: fail };
}
