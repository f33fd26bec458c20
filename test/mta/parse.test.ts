import { WebhookError } from '../../src/core/errors';
import { MTA_DELIVERY_STATUS, MTA_EVENT_TYPES, type MtaEventType } from '../../src/mta/constants';
import { parseMtaEvent } from '../../src/mta/parse';
import { mtaFixture } from '../../src/testing/mta-fixtures';
import { thrown } from '../helpers/caught';

const rejection = (json: unknown, options?: Parameters<typeof parseMtaEvent>[1]) =>
  thrown<WebhookError>(() => parseMtaEvent(json, options));

// The version each fixture is recognised as: V1 and V2 share fields for most events.
const EXPECTED_VERSION: Record<MtaEventType, Record<1 | 2 | 3, unknown>> = {
  'delivery-status': { 1: [1, 2], 2: [1, 2], 3: 3 },
  'message-reply': { 1: 1, 2: [1, 2], 3: 3 },
  'message-send': { 1: [1, 2], 2: [1, 2], 3: 3 },
  'number-opt-in': { 1: [1, 2], 2: [1, 2], 3: 3 },
};

describe('parseMtaEvent: every event in every version', () => {
  const cases = MTA_EVENT_TYPES.flatMap((type) => ([1, 2, 3] as const).map((version) => [type, version] as const));

  it.each(cases)('classifies a %s V%d fixture and keeps its payload', (type, version) => {
    const body = mtaFixture(type, { version });
    const event = parseMtaEvent(body);
    expect(event.type).toBe(type);
    expect(event.version).toEqual(EXPECTED_VERSION[type][version]);
    expect(event.payload).toMatchObject(body);
  });

  it.each(cases)('classifies %s V%d exactly when the version is pinned', (type, version) => {
    expect(parseMtaEvent(mtaFixture(type, { version }), { version }).version).toBe(version);
  });

  it.each(cases)('classifies %s V%d when the event is pinned and type is absent', (type, version) => {
    const body = mtaFixture(type, { version });
    if (type !== 'number-opt-in' || version !== 3) delete body.type;
    expect(parseMtaEvent(body, { event: type }).type).toBe(type);
  });
});

describe('parseMtaEvent: the normalized view reads the same across versions', () => {
  it('delivery-status', () => {
    for (const version of [1, 2, 3] as const) {
      const { normalized } = parseMtaEvent(mtaFixture('delivery-status', { version })) as Extract<
        ReturnType<typeof parseMtaEvent>,
        { type: 'delivery-status' }
      >;
      expect(normalized).toMatchObject({
        messageId: '48213377',
        externalId: 'order-8842',
        status: { code: 4, name: 'DELIVERED' },
        tags: { customerId: 'c-1093', campaign: 'autumn-sale' },
      });
      expect(normalized.to).toMatch(/5555550123$/);
      expect(normalized.senderName).toBeUndefined();
      if (version === 3) expect(normalized.timestamp).toEqual(new Date('2026-11-23T14:05:09.000Z'));
    }
  });

  it('message-reply', () => {
    const v1 = parseMtaEvent(mtaFixture('message-reply', { version: 1 }));
    const v3 = parseMtaEvent(mtaFixture('message-reply', { version: 3 }));
    expect(v1.normalized).toMatchObject({ from: '5555550123', to: '5555550100', isOptOut: false, previousMessageId: '48213377' });
    expect(v3.normalized).toMatchObject({ from: '+15555550123', to: '+15555550100', replyId: '77120451' });
    expect(v1.normalized).toHaveProperty('message', 'Yes, Thursday at 3 pm works for me 👍');
    expect(v3.normalized).toHaveProperty('message', 'Yes, Thursday at 3 pm works for me 👍');
  });

  it('message-send', () => {
    for (const version of [1, 2, 3] as const) {
      expect(parseMtaEvent(mtaFixture('message-send', { version })).normalized).toMatchObject({
        messageId: '48213377',
        message: 'Your order #8842 has shipped. Reply STOP to opt out.',
        mediaUrl: undefined,
      });
    }
  });

  it('number-opt-in, with optInType (V1/V2) and type (V3) read as one field', () => {
    for (const version of [1, 2, 3] as const) {
      expect(parseMtaEvent(mtaFixture('number-opt-in', { version })).normalized).toMatchObject({ optInType: 'sms' });
    }
    for (const method of ['sms', 'email', 'imessage', 'rcs', 'RCS']) {
      const event = parseMtaEvent(mtaFixture('number-opt-in', { overrides: { type: method } }));
      expect(event.normalized).toMatchObject({ optInType: method.toLowerCase() });
    }
  });
});

describe('parseMtaEvent: delivery status codes', () => {
  it.each(Object.entries(MTA_DELIVERY_STATUS))('names %s (%d)', (name, code) => {
    const event = parseMtaEvent(mtaFixture('delivery-status', { overrides: { status: code } }));
    expect(event.normalized).toMatchObject({ status: { code, name } });
  });

  it('keeps a newer code as UNKNOWN instead of rejecting it', () => {
    const event = parseMtaEvent(mtaFixture('delivery-status', { overrides: { status: 15 } }));
    expect(event.normalized).toMatchObject({ status: { code: 15, name: 'UNKNOWN' } });
  });

  it('accepts a numeric string', () => {
    expect(parseMtaEvent(mtaFixture('delivery-status', { overrides: { status: '11' } })).normalized).toMatchObject({
      status: { code: 11, name: 'STOPPED_NUMBER' },
    });
  });

  it.each([['delivered'], [-1], [4.5], [null]])('rejects status %j as payload.invalid', (status) => {
    expect(rejection(mtaFixture('delivery-status', { overrides: { status: status as never } })).code).toBe('payload.invalid');
  });
});

describe('parseMtaEvent: the type field', () => {
  it.each([
    'delivery-status',
    'DELIVERY_STATUS',
    'MTAWebhook.DELIVERY_STATUS',
    'deliveryStatus',
  ])('accepts the spelling %s', (spelling) => {
    const body = mtaFixture('delivery-status', { version: 2, overrides: { type: spelling } });
    expect(parseMtaEvent(body).type).toBe('delivery-status');
  });

  it('trusts type over shape: a delivery-status type on a message body is an invalid delivery-status', () => {
    const body = mtaFixture('message-send', { version: 1, overrides: { type: 'DELIVERY_STATUS' } });
    const error = rejection(body);
    expect(error.code).toBe('payload.invalid');
    expect(error.message).toMatch(/delivery-status/);
  });

  it('falls back to the shape for an unknown type word', () => {
    expect(parseMtaEvent(mtaFixture('message-send', { version: 2, overrides: { type: 'SOMETHING_NEW' } })).type).toBe('message-send');
  });

  it('refuses a body whose type contradicts the pinned event', () => {
    const error = rejection(mtaFixture('message-reply', { version: 2 }), { event: 'delivery-status' });
    expect(error.code).toBe('payload.invalid');
    expect(error.message).toMatch(/pinned to "delivery-status"/);
  });
});

describe('parseMtaEvent: liberal where the docs disagree', () => {
  it('accepts ids as number or string in every version', () => {
    expect(parseMtaEvent(mtaFixture('delivery-status', { version: 1, overrides: { messageId: '48213377' } })).normalized)
      .toMatchObject({ messageId: '48213377' });
    expect(parseMtaEvent(mtaFixture('delivery-status', { version: 3, overrides: { messageId: 48213377 } })).normalized)
      .toMatchObject({ messageId: '48213377' });
  });

  it('treats optional fields that are missing or null alike', () => {
    const missing = parseMtaEvent(mtaFixture('delivery-status', { overrides: { tags: undefined, senderName: undefined, fromNumber: undefined, externalId: undefined } }));
    const nulls = parseMtaEvent(mtaFixture('delivery-status', { overrides: { tags: null, senderName: null, fromNumber: null, externalId: null } }));
    expect(missing.normalized).toEqual(nulls.normalized);
    expect(missing.normalized).toMatchObject({ tags: {}, from: undefined, externalId: undefined });
  });

  it('keeps extra fields MTA may add later', () => {
    const event = parseMtaEvent(mtaFixture('message-send', { extra: { segments: 2, carrier: 'x' } }));
    expect(event.payload).toMatchObject({ segments: 2, carrier: 'x' });
  });

  it('recognises a V2-only opt-in (no destinationNumber) as V2', () => {
    expect(parseMtaEvent(mtaFixture('number-opt-in', { version: 2, overrides: { destinationNumber: undefined } })).version).toBe(2);
  });
});

describe('parseMtaEvent: strict where it matters', () => {
  it.each([
    ['delivery-status', 3, { toNumber: undefined }, /toNumber/],
    ['delivery-status', 3, { toNumber: '  ' }, /toNumber/],
    ['delivery-status', 3, { timestamp: 'yesterday' }, /timestamp: expected an ISO-8601 date/],
    ['delivery-status', 1, { destinationNumber: 5555550123 }, /destinationNumber/],
    ['message-reply', 3, { fromNumber: undefined }, /fromNumber/],
    ['message-reply', 2, { isOptOutMessage: 'no' }, /isOptOutMessage/],
    ['message-send', 3, { message: 42 }, /message/],
    ['number-opt-in', 1, { optInType: 'fax' }, /optInType/],
    ['number-opt-in', 3, { timestamp: undefined }, /timestamp/],
    ['delivery-status', 3, { tags: { a: 1 } }, /tags: expected an object of string tags/],
    ['delivery-status', 3, { tags: ['a'] }, /tags/],
  ] as const)('%s V%d with %j is payload.invalid, naming the field', (type, version, overrides, pattern) => {
    // Wrong on purpose: each override breaks the schema.
    const error = rejection(mtaFixture(type, { version, overrides: overrides as never }));
    expect(error).toBeInstanceOf(WebhookError);
    expect(error.code).toBe('payload.invalid');
    expect(error.status).toBe(422);
    expect(error.message).toMatch(pattern);
  });

  it('never quotes a value in its message', () => {
    const error = rejection(mtaFixture('delivery-status', { overrides: { toNumber: 5555550199 as never, status: 'secret-ish' } }));
    expect(error.message).not.toMatch(/5555550199|secret-ish/);
  });

  it('refuses a pinned version the body does not fit', () => {
    expect(rejection(mtaFixture('delivery-status', { version: 3 }), { version: 1 }).message).toMatch(/delivery-status V1/);
  });

  it.each([
    ['null', null],
    ['an array', [mtaFixture('delivery-status')]],
    ['a string', 'delivery-status'],
    ['a number', 42],
    ['an empty object', {}],
    ['an unrelated object', { hello: 'world' }],
  ])('is payload.unknown_event for %s', (_name, json) => {
    const error = rejection(json);
    expect(error.code).toBe('payload.unknown_event');
    expect(error.status).toBe(422);
  });
});
