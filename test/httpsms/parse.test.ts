import { WebhookError } from '../../src/core/errors';
import { HTTPSMS_EVENT_TYPES } from '../../src/httpsms/constants';
import { parseHttpsmsEvent } from '../../src/httpsms/parse';
import { httpsmsFixture } from '../../src/testing';
import { thrown } from '../helpers/caught';

const rejection = (json: unknown, header?: string) => thrown<WebhookError>(() => parseHttpsmsEvent(json, { event: header }));

describe('parseHttpsmsEvent', () => {
  it.each(HTTPSMS_EVENT_TYPES)('validates %s and reads its ids the same way', (type) => {
    const body = httpsmsFixture(type);
    const event = parseHttpsmsEvent(body, { event: type });
    expect(event).toMatchObject({ provider: 'httpsms', type, id: body.id, source: body.source, payload: body.data });
    expect(event.time).toEqual(new Date(String(body.time)));
    expect(event.normalized.owner).toBe('+18005550199');
    expect(event.normalized.timestamp).toBeInstanceOf(Date);
    const data = body.data as Record<string, unknown>;
    if (type.startsWith('phone.')) expect(event.normalized.phoneId).toBe(data.phone_id);
    else expect(event.normalized.messageId).toBe(data.message_id ?? data.id);
  });

  it('accepts times with 0 to 9 fractional digits and an offset', () => {
    for (const time of ['2025-03-14T09:26:53Z', '2025-03-14T09:26:53.5Z', '2025-03-14T09:26:53.123456789Z', '2025-03-14T10:26:53+01:00']) {
      expect(parseHttpsmsEvent(httpsmsFixture('message.phone.sent', { envelope: { time } })).time).toEqual(new Date(time));
    }
  });

  it('accepts a received message from before attachments existed', () => {
    expect(parseHttpsmsEvent(httpsmsFixture('message.phone.received', { data: { attachments: undefined, encrypted: undefined } })).type).toBe('message.phone.received');
  });

  it('refuses a header and body that name different events (422 payload.invalid)', () => {
    const error = rejection(httpsmsFixture('message.phone.sent'), 'message.phone.delivered');
    expect(error).toMatchObject({ code: 'payload.invalid', status: 422 });
    expect(error.message).toMatch(/X-Event-Type/);
  });

  it.each([
    ['a missing request_id (it is null when unset, never absent)', 'message.phone.sent', { data: { request_id: undefined } }, /data.request_id/],
    ['attachments null', 'message.phone.received', { data: { attachments: null } }, /data.attachments/],
    ['SIM3', 'message.call.missed', { data: { sim: 'SIM3' } }, /data.sim/],
    ['a time without zone', 'message.phone.sent', { envelope: { time: '2025-03-14T09:26:53' } }, /time: expected an RFC 3339 time/],
    ['ten fractional digits', 'message.phone.sent', { data: { timestamp: '2025-03-14T09:26:53.1234567891Z' } }, /data.timestamp/],
    ['a message id that is no UUID', 'message.send.failed', { data: { id: '42' } }, /data.id: expected a UUID/],
    ['a negative attempt count', 'message.send.expired', { data: { send_attempt_count: -1 } }, /send_attempt_count/],
    ['spec version 0.3', 'message.phone.sent', { envelope: { specversion: '0.3' } }, /specversion/],
    ['data missing', 'phone.heartbeat.online', { envelope: { data: undefined } }, /data/],
  ] as const)('refuses %s with payload.invalid naming the field', (_name, type, overrides, message) => {
    const body = httpsmsFixture(type, overrides as never);
    const error = rejection(body, type);
    expect(error).toMatchObject({ code: 'payload.invalid', status: 422 });
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('+18005550');
  });

  it.each([
    ['an unknown type', { ...httpsmsFixture('message.phone.sent'), type: 'message.phone.sending' }],
    ['null', null],
    ['an array', [httpsmsFixture('message.phone.sent')]],
  ])('refuses %s with payload.unknown_event', (_name, json) => {
    expect(rejection(json).code).toBe('payload.unknown_event');
  });
});
