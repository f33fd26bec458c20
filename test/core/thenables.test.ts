import request from 'supertest';
import { mtaWebhooks } from '../../src/express/mta';
import { mtaFixture, signedMtaRequest } from '../../src/testing';
import { EXPRESS_VERSIONS, SECRET } from '../helpers/apps';
import { expectError } from '../helpers/mta-app';

/** A query builder in the style of knex: nothing runs until someone calls then(). */
function lazyQuery(effects: string[], outcome: 'resolve' | 'reject') {
  return {
    then(onFulfilled: (value: unknown) => unknown, onRejected: (reason: unknown) => unknown) {
      return new Promise((resolve, reject) =>
        setTimeout(() => {
          effects.push('query ran');
          if (outcome === 'resolve') resolve(1);
          else reject(new Error('deadlock detected'));
        }, 5),
      ).then(onFulfilled, onRejected);
    },
  };
}

describe.each(EXPRESS_VERSIONS)('%s: handlers that return thenables (not native promises)', (_name, express) => {
  const send = (app: ReturnType<typeof express>, id: string) => {
    const { body, headers } = signedMtaRequest(mtaFixture('delivery-status', { overrides: { messageId: id } }), SECRET);
    return request(app).post('/mta').set(headers).send(body);
  };

  it('awaits a thenable, which runs it, before answering 200', async () => {
    const effects: string[] = [];
    const app = express().post('/mta', mtaWebhooks({ secret: SECRET, handlers: { 'delivery-status': () => lazyQuery(effects, 'resolve') } }));
    const response = await send(app, 't-1');
    expect(response.status).toBe(200);
    expect(effects).toEqual(['query ran']);
  });

  it('answers 500 handler.failed when the thenable rejects, so the provider retries', async () => {
    const effects: string[] = [];
    const app = express().post('/mta', mtaWebhooks({ secret: SECRET, handlers: { 'delivery-status': () => lazyQuery(effects, 'reject') } }));
    expectError(await send(app, 't-2'), 500, 'handler.failed');
    expect(effects).toEqual(['query ran']);
  });

  it('awaits each handler of a list in order, thenables and plain values mixed', async () => {
    const effects: string[] = [];
    const handlers = [() => void effects.push('first'), () => lazyQuery(effects, 'resolve'), () => void effects.push('last')];
    const app = express().post('/mta', mtaWebhooks({ secret: SECRET, handlers: { 'delivery-status': handlers } }));
    expect((await send(app, 't-3')).status).toBe(200);
    expect(effects).toEqual(['first', 'query ran', 'last']);
  });
});

describe('a custom de-duplication store that answers with thenables', () => {
  /** A store whose every answer is a bare `{ then }` object, as some client libraries return. */
  function thenableStore() {
    const states = new Map<string, string>();
    const later = <T>(value: () => T) => ({ then: (resolve: (value: T) => void) => setTimeout(() => resolve(value()), 2) });
    return {
      states,
      claim: (key: string) =>
        later(() => {
          const state = states.get(key);
          if (state === 'done') return { state: 'done' as const };
          if (state === 'in_progress') return { state: 'in_progress' as const };
          states.set(key, 'in_progress');
          return { state: 'claimed' as const, redelivery: state === 'released', token: 't' };
        }),
      complete: (key: string) => later(() => void states.set(key, 'done')),
      release: (key: string) => later(() => void states.set(key, 'released')),
    };
  }

  it.each(EXPRESS_VERSIONS)('%s: claims, completes and answers a duplicate from the store', async (_name, express) => {
    const store = thenableStore();
    let handled = 0;
    const app = express().post('/mta', mtaWebhooks({ secret: SECRET, dedupe: { store: store as never }, handlers: { 'delivery-status': () => void (handled += 1) } }));
    const { body, headers } = signedMtaRequest(mtaFixture('delivery-status', { overrides: { messageId: 'store-1' } }), SECRET);
    expect((await request(app).post('/mta').set(headers).send(body)).status).toBe(200);
    const again = await request(app).post('/mta').set(headers).send(body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ok: true, duplicate: true });
    expect(handled).toBe(1);
    expect(store.states.get('mta:delivery-status:store-1:4')).toBe('done');
  });
});
