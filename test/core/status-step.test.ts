import request from 'supertest';
import type { HandlerContext } from '../../src/core/delivery-context';
import { mtaWebhooks } from '../../src/express/mta';
import { createStatusTracker } from '../../src/status';
import { mtaFixture, signedMtaRequest } from '../../src/testing';
import { EXPRESS_VERSIONS, SECRET } from '../helpers/apps';
import { expectError } from '../helpers/mta-app';

const statusDelivery = (status: number) =>
  signedMtaRequest(mtaFixture('delivery-status', { overrides: { messageId: 'life-1', status } }), SECRET);

describe.each(EXPRESS_VERSIONS)('%s: the statusTracker option', (_name, express) => {
  it('records the status before the handlers run and hands them the change; a stale one still runs them', async () => {
    const tracker = createStatusTracker({ logger: false });
    const seen: Array<HandlerContext['status']> = [];
    const app = express().post('/mta', mtaWebhooks({ secret: SECRET, statusTracker: tracker, handlers: { 'delivery-status': (_e, ctx) => void seen.push(ctx.status) } }));
    for (const status of [4, 3]) {
      const { body, headers } = statusDelivery(status);
      expect((await request(app).post('/mta').set(headers).send(body)).status).toBe(200);
    }
    expect(seen.map((change) => [change?.outcome, change?.current.name])).toEqual([
      ['applied', 'DELIVERED'],
      ['stale', 'DELIVERED'],
    ]);
    expect(await tracker.get('mta', 'life-1')).toMatchObject({ name: 'DELIVERED', final: true });
  });

  it('with skipStale, answers stale and conflicting updates 200 without running the handlers', async () => {
    const tracker = createStatusTracker({ logger: false });
    const seen: Array<HandlerContext['status']> = [];
    const app = express().post('/mta', mtaWebhooks({ secret: SECRET, statusTracker: tracker, skipStale: true, handlers: { 'delivery-status': (_e, ctx) => void seen.push(ctx.status) } }));
    // DELIVERED (4), then SENT and SENDING (stale), then UNDELIVERED (9): a conflict with the final DELIVERED.
    for (const status of [4, 3, 2, 9]) {
      const { body, headers } = statusDelivery(status);
      expect((await request(app).post('/mta').set(headers).send(body)).status).toBe(200);
    }
    expect(seen.map((change) => change?.outcome)).toEqual(['applied']);
    expect(await tracker.get('mta', 'life-1')).toMatchObject({ name: 'DELIVERED' });
  });

  it('refuses 503 when the status store is unreachable under onStoreError: refuse; handles it otherwise', async () => {
    const broken = { update: () => Promise.reject(new Error('redis down')), get: () => Promise.reject(new Error('redis down')) };
    const refusing = express().post('/mta', mtaWebhooks({ secret: SECRET, dedupe: { onStoreError: 'refuse' }, statusTracker: createStatusTracker({ store: broken }) }));
    const { body, headers } = statusDelivery(4);
    expectError(await request(refusing).post('/mta').set(headers).send(body), 503, 'store.unavailable');
    let ran = 0;
    const processing = express().post('/mta', mtaWebhooks({ secret: SECRET, statusTracker: createStatusTracker({ store: broken }), handlers: { 'delivery-status': () => void (ran += 1) } }));
    expect((await request(processing).post('/mta').set(headers).send(body)).status).toBe(200);
    expect(ran).toBe(1);
  });

  it('checks the options when the route is made', () => {
    expect(() => mtaWebhooks({ secret: SECRET, skipStale: true })).toThrow(/statusTracker/);
    expect(() => mtaWebhooks({ secret: SECRET, statusTracker: {} as never })).toThrow(/statusTracker/);
  });
});
