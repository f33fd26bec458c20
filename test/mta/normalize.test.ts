import request from 'supertest';
import type { MtaDeliveryStatusEvent, MtaEvent } from '../../src/mta/events';
import { parseMtaEvent } from '../../src/mta/parse';
import { mtaFixture, signedMtaRequest } from '../../src/testing';
import { EXPRESS_VERSIONS, SECRET } from '../helpers/apps';
import { mtaApp } from '../helpers/mta-app';

// A handler may annotate its event (a note on the status, a tag of its own). Each delivery gets its own objects,
// so that this neither throws (frozen shared objects did, in strict mode, on every retry) nor reaches the next one.

function annotate(event: MtaEvent): void {
  'use strict';
  const status = (event as MtaDeliveryStatusEvent).normalized.status as { code: number; name: string; note?: string };
  status.note = 'seen by the billing handler';
  status.name = 'CHANGED';
  event.normalized.tags.handledBy = 'billing';
  if (Array.isArray(event.version)) (event.version as number[]).push(3);
}

describe.each(EXPRESS_VERSIONS)('%s: a handler that changes its event', (_name, express) => {
  it('is answered 200, and the next delivery of the same status is unaffected', async () => {
    const { app, handled } = mtaApp(express, {
      handlers: {
        'delivery-status': (event) => {
          handled.push(structuredClone(event));
          annotate(event);
        },
      },
    });
    for (const version of [3, 2, 2] as const) {
      const { body, headers } = signedMtaRequest(mtaFixture('delivery-status', { version, unique: true, overrides: { tags: null } }), SECRET);
      const response = await request(app).post('/webhooks/mta').set(headers).send(body);
      expect(response.status).toBe(200);
    }
    expect(handled).toHaveLength(3);
    for (const event of handled) {
      expect(event.normalized).toMatchObject({ status: { code: 4, name: 'DELIVERED' }, tags: {} });
      expect((event.normalized as { status: object }).status).not.toHaveProperty('note');
    }
    expect(handled[2]?.version).toEqual([1, 2]);
  });
});

describe('parseMtaEvent gives every event its own objects', () => {
  it('status, tags and the ambiguous version are never shared between two parses', () => {
    const body = mtaFixture('delivery-status', { version: 2, overrides: { tags: null } });
    const [a, b] = [parseMtaEvent(body), parseMtaEvent(body)] as MtaDeliveryStatusEvent[];
    expect(a!.normalized.status).not.toBe(b!.normalized.status);
    expect(a!.normalized.tags).not.toBe(b!.normalized.tags);
    expect(a!.version).not.toBe(b!.version);
    expect(Object.isFrozen(a!.normalized.status)).toBe(false);
  });
});
