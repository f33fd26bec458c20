import { HTTPSMS_EVENT_TYPES } from '../../src/httpsms/constants';
import type { HttpsmsEvent, HttpsmsHandler, HttpsmsHeartbeatOnlineEvent, HttpsmsMessageExpiredEvent } from '../../src/httpsms/events';
import { parseHttpsmsEvent } from '../../src/httpsms/parse';
import { httpsmsFixture } from '../../src/testing/httpsms-fixtures';

const HEARTBEATS = ['phone.heartbeat.offline', 'phone.heartbeat.online'];

describe('httpSMS normalized view, per event', () => {
  it.each(HTTPSMS_EVENT_TYPES.filter((type) => !HEARTBEATS.includes(type)))('%s carries the message id, the owner and the contact', (type) => {
    const body = httpsmsFixture(type);
    const data = body.data as Record<string, unknown>;
    const event = parseHttpsmsEvent(body);
    expect(event.normalized).toEqual({
      messageId: data.message_id ?? data.id,
      owner: data.owner,
      contact: data.contact,
      timestamp: new Date(String(data.timestamp)),
    });
  });

  it.each(HEARTBEATS)('%s carries the phone id and no message id', (type) => {
    const body = httpsmsFixture(type as 'phone.heartbeat.online');
    const data = body.data as Record<string, unknown>;
    expect(parseHttpsmsEvent(body).normalized).toEqual({ phoneId: data.phone_id, owner: data.owner, timestamp: new Date(String(data.timestamp)) });
  });

  it('types each event exactly (checked by npm run typecheck)', () => {
    const expired = parseHttpsmsEvent(httpsmsFixture('message.send.expired')) as HttpsmsMessageExpiredEvent;
    const messageId: string = expired.normalized.messageId;
    const heartbeat = parseHttpsmsEvent(httpsmsFixture('phone.heartbeat.online')) as HttpsmsHeartbeatOnlineEvent;
    // @ts-expect-error a heartbeat has no message id
    const none: string = heartbeat.normalized.messageId;
    const onFailed: HttpsmsHandler<'message.send.failed'> = (event) => event.payload.error_message;
    const any: HttpsmsEvent = heartbeat;
    expect([messageId, none, typeof onFailed, any.normalized.messageId]).toEqual([expired.payload.message_id, undefined, 'function', undefined]);
  });
});
