import request from 'supertest';
import { MTA_DELIVERY_STATUS, MTA_EVENT_TYPES } from '../../src/mta/constants';
import { mtaFixture, signedMtaRequest } from '../../src/testing';
import { EXPRESS_VERSIONS, SECRET } from '../helpers/apps';
import { mtaApp } from '../helpers/mta-app';

const CASES = MTA_EVENT_TYPES.flatMap((type) => ([1, 2, 3] as const).map((version) => [type, version] as const));

describe.each(EXPRESS_VERSIONS)('%s: every MTA event in every version, over HTTP', (_name, express) => {
  it.each(CASES)('%s V%d: 200, handled once with the typed event', async (type, version) => {
    const { app, handled } = mtaApp(express, { handlers: { [type]: (event: unknown) => void handled.push(event as never) } });
    const payload = mtaFixture(type, { version });
    const { body, headers } = signedMtaRequest(payload, SECRET);
    const response = await request(app).post('/webhooks/mta').set(headers).send(body);
    expect(response.status).toBe(200);
    expect(handled).toHaveLength(1);
    expect(handled[0]).toMatchObject({ provider: 'mta', type, payload });
    expect([version, [1, 2]]).toContainEqual(handled[0]?.version);
  });

  it.each(CASES)('%s V%d on a route pinned to that event and version', async (type, version) => {
    const { app, handled } = mtaApp(express, { event: type, version, handlers: { [type]: (event: unknown) => void handled.push(event as never) } });
    const { body, headers } = signedMtaRequest(mtaFixture(type, { version }), SECRET);
    expect((await request(app).post('/webhooks/mta').set(headers).send(body)).status).toBe(200);
    expect(handled[0]).toMatchObject({ type, version });
  });

  it.each([...Object.entries(MTA_DELIVERY_STATUS), ['UNKNOWN', 15] as const])('delivery status %s (%d) reaches the handler named', async (name, code) => {
    const { app, handled } = mtaApp(express);
    const { body, headers } = signedMtaRequest(mtaFixture('delivery-status', { overrides: { status: code } }), SECRET);
    expect((await request(app).post('/webhooks/mta').set(headers).send(body)).status).toBe(200);
    expect(handled[0]?.normalized).toMatchObject({ status: { code, name } });
  });

  it('a pinned route refuses another event with 422 payload.invalid', async () => {
    const { app, handled } = mtaApp(express, { event: 'delivery-status' });
    const { body, headers } = signedMtaRequest(mtaFixture('message-reply', { version: 1 }), SECRET);
    const response = await request(app).post('/webhooks/mta').set(headers).send(body);
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('payload.invalid');
    expect(handled).toHaveLength(0);
  });

  it('several handlers for one event all run, in order, before the answer', async () => {
    const order: string[] = [];
    const { app } = mtaApp(express, {
      handlers: {
        'delivery-status': [
          async () => {
            await new Promise((resolve) => setTimeout(resolve, 20));
            order.push('slow first');
          },
          () => void order.push('second'),
        ],
      },
    });
    const { body, headers } = signedMtaRequest(mtaFixture('delivery-status'), SECRET);
    expect((await request(app).post('/webhooks/mta').set(headers).send(body)).status).toBe(200);
    expect(order).toEqual(['slow first', 'second']);
  });
});
