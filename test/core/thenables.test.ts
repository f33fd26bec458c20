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
