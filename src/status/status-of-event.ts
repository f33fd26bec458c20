import type { HttpsmsEvent } from '../httpsms/events.js';
import type { MtaEvent } from '../mta/events.js';
import type { HttpsmsStatusName, StatusPrecedence } from './precedence.js';
import type { StoredStatus } from './types.js';

/** The events that carry a message's delivery status. */
export type StatusEvent =
  | Extract<MtaEvent, { type: 'delivery-status' }>
  | Extract<
      HttpsmsEvent,
      { type: 'message.phone.sent' | 'message.phone.delivered' | 'message.send.failed' | 'message.send.expired' }
    >;

const HTTPSMS_STATUS_BY_TYPE: Record<string, HttpsmsStatusName> = {
  'message.phone.sent': 'SENT',
  'message.phone.delivered': 'DELIVERED',
  'message.send.failed': 'FAILED',
};

/** True for the events a status tracker records: MTA delivery-status, httpSMS sent/delivered/failed/expired. */
export function isStatusEvent(event: unknown): event is StatusEvent {
  if (typeof event !== 'object' || event === null) return false;
  const { provider, type } = event as { provider?: unknown; type?: unknown };
  if (provider === 'mta') return type === 'delivery-status';
  if (provider === 'httpsms') return typeof type === 'string' && (type in HTTPSMS_STATUS_BY_TYPE || type === 'message.send.expired');
  return false;
}

export interface EventStatus {
  provider: 'mta' | 'httpsms';
  messageId: string;
  status: StoredStatus;
}

/** The message and status an event reports, ranked by the precedence in effect. */
export function statusOfEvent(event: StatusEvent, precedence: StatusPrecedence, recordedAt: number): EventStatus {
  if (event.provider === 'mta') {
    const { messageId, status, timestamp } = event.normalized;
    const rule = precedence.mta[status.name];
    return {
      provider: 'mta',
      messageId,
      status: { code: String(status.code), name: status.name, ...rule, recordedAt, occurredAt: timestamp?.getTime() },
    };
  }
  const name =
    event.type === 'message.send.expired'
      ? event.payload.is_final ? 'EXPIRED' : 'EXPIRED_RETRYING'
      : HTTPSMS_STATUS_BY_TYPE[event.type]!;
  // The CloudEvents time comes from httpSMS' server clock for every event, unlike data.timestamp (often the phone's).
  const status = { code: name, name, ...precedence.httpsms[name], recordedAt, occurredAt: event.time.getTime() };
  return { provider: 'httpsms', messageId: event.normalized.messageId, status };
}
