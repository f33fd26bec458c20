import type { HttpsmsEventType } from '../httpsms/constants.js';

// Realistic httpSMS CloudEvents, one per event, as the reference describes them (numbers in the fictional
// 555-01xx range, fixed ids and times so tests are deterministic). The status events (sent, delivered, failed,
// expired) are about one outgoing message, so a status tracker can be tested with them as they are.

const USER = 'Qm7pX2vRk9TfLw3sYb8NcJd5HaE1';
const OWNER = '+18005550199';
const CONTACT = '+18005550123';
const MESSAGE = '8b6f2c1e-4d3a-4f7b-9e21-0c5d6a7b8e9f';
const PHONE = 'b8d0f2a4-c6e8-4a0c-9e2a-4c6e8a0c2e4a';

type Data = Record<string, unknown>;

const outgoing = (timestamp: string): Data => ({
  id: MESSAGE, user_id: USER, request_id: 'order-8842-reminder', owner: OWNER, contact: CONTACT,
  encrypted: false, timestamp, content: 'Your order #8842 ships today.', sim: 'SIM1',
});

const heartbeat = (last: string, now: string): Data => ({
  phone_id: PHONE, user_id: USER, last_heartbeat_timestamp: last, timestamp: now,
  monitor_id: '7f9b1d3f-5b7d-4f9b-8d1f-3b5d7f9b1d3f', owner: OWNER,
});

const FIXTURES: Record<HttpsmsEventType, { id: string; source: string; time: string; data: () => Data }> = {
  'message.phone.received': {
    id: '5f0b7c52-3d0e-4b8e-9a55-2f3c1d9e7a41', source: '/v1/messages/receive', time: '2025-03-14T09:26:53.481726093Z',
    data: () => ({
      message_id: 'c1a7e0d4-8f62-4b1e-b3c9-5d2a9e61f0b7', user_id: USER, owner: OWNER, encrypted: false,
      contact: CONTACT, timestamp: '2025-03-14T09:26:51.512Z', content: 'Running 10 min late, see you at the café ☕',
      sim: 'SIM1', attachments: [],
    }),
  },
  'message.phone.sent': {
    id: '0e9d3a61-7b2f-4c58-8d14-6a1f2e3b4c5d', source: `/v1/messages/${MESSAGE}/events`, time: '2025-03-14T10:02:17.203311Z',
    data: () => outgoing('2025-03-14T10:02:16.874Z'),
  },
  'message.phone.delivered': {
    id: 'a4c2e8f0-1b3d-4e5f-8a7b-9c0d1e2f3a4b', source: `/v1/messages/${MESSAGE}/events`, time: '2025-03-14T10:02:21.96Z',
    data: () => outgoing('2025-03-14T10:02:20.5Z'),
  },
  'message.send.failed': {
    id: '3b9f7d21-6c4e-4a8b-b0d2-e1f3a5c7e9b1', source: `/v1/messages/${MESSAGE}/events`, time: '2025-03-14T11:15:40.018Z',
    data: () => ({ ...outgoing('2025-03-14T11:15:39.402Z'), error_message: 'NO_SERVICE', sim: 'SIM2' }),
  },
  'message.send.expired': {
    id: 'd7e9f1a3-b5c7-4d9e-8f0a-1b2c3d4e5f60', source: '/v1/messages/send', time: '2025-03-14T12:40:05.771093402Z',
    data: () => ({
      message_id: MESSAGE, owner: OWNER, send_attempt_count: 2, is_final: true,
      request_id: 'order-8842-reminder', contact: CONTACT, encrypted: false, user_id: USER, timestamp: '2025-03-14T12:40:05.769830117Z',
      content: 'Your order #8842 ships today.', sim: 'SIM1',
    }),
  },
  'message.call.missed': {
    id: '9c1e3a5b-7d9f-4b1c-a3e5-f7b9d1f3a5c7', source: '/v1/messages/calls/missed', time: '2025-03-14T13:05:12.33104Z',
    data: () => ({
      message_id: '2d4f6b8d-0f2b-4d6f-8b0d-2f4b6d8f0b2d', user_id: USER, owner: OWNER, contact: CONTACT,
      timestamp: '2025-03-14T13:05:09.047Z', sim: 'SIM1',
    }),
  },
  'phone.heartbeat.offline': {
    id: 'e3a5c7e9-1b3d-4f5a-9b7c-1d3e5f7a9b1c', source: '/v1/phones/fcm-token', time: '2025-03-14T15:22:47.608155Z',
    data: () => heartbeat('2025-03-14T14:10:02.114529Z', '2025-03-14T15:22:47.60791Z'),
  },
  'phone.heartbeat.online': {
    id: '1a3c5e7a-9c1e-4a3c-b5e7-9a1c3e5a7c9e', source: '/v1/heartbeats', time: '2025-03-14T16:01:30.452817Z',
    data: () => heartbeat('2025-03-14T16:01:30.431907Z', '2025-03-14T16:01:30.450233Z'),
  },
};

export interface HttpsmsFixtureOverrides {
  /** Envelope fields to replace (id, source, time, ...). */
  envelope?: Record<string, unknown>;
  /** `data` fields to set; a field set to undefined is removed. */
  data?: Record<string, unknown>;
  /** A fresh random CloudEvents id, for many distinct deliveries. */
  unique?: boolean;
}

/** A realistic httpSMS CloudEvent for one event type, valid against this package's schemas. */
export function httpsmsFixture(event: HttpsmsEventType, overrides: HttpsmsFixtureOverrides = {}): Record<string, unknown> {
  const fixture = FIXTURES[event];
  if (!fixture) throw new TypeError(`httpsmsFixture: unknown event "${event}".`);
  const data = fixture.data();
  for (const [key, value] of Object.entries(overrides.data ?? {})) {
    if (value === undefined) delete data[key];
    else data[key] = value;
  }
  return {
    specversion: '1.0',
    id: overrides.unique ? globalThis.crypto.randomUUID() : fixture.id,
    source: fixture.source,
    type: event,
    datacontenttype: 'application/json',
    time: fixture.time,
    data,
    ...overrides.envelope,
  };
}
