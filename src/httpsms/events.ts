import type { HandlerContext } from '../core/delivery-context.js';
import type { HttpsmsEventType } from './constants.js';
import type { HttpsmsDataByType } from './schemas.js';

/** The events about one message (or a missed call): every one carries the httpSMS message id. */
export type HttpsmsMessageEventType = Exclude<HttpsmsEventType, HttpsmsHeartbeatEventType>;
/** The events about the phone itself: they carry the phone's id, no message. */
export type HttpsmsHeartbeatEventType = 'phone.heartbeat.offline' | 'phone.heartbeat.online';

/** The normalized view of a message event (received, sent, delivered, failed, expired, missed call). */
export interface HttpsmsMessageNormalized {
  /** The httpSMS message id (`message_id` in some payloads, `id` in others). */
  messageId: string;
  /** Never on a message event; here so that `normalized.phoneId` reads on any event. */
  phoneId?: undefined;
  /** The httpSMS phone's own number (E.164). */
  owner: string;
  /** The other party: E.164, or an alphanumeric sender id or short code. */
  contact: string;
  /** The time the payload reports (the phone's clock for most events, the server's for expired). */
  timestamp: Date;
}

/** The normalized view of a heartbeat (phone online / offline). */
export interface HttpsmsHeartbeatNormalized {
  /** Never on a heartbeat; here so that `normalized.messageId` reads on any event. */
  messageId?: undefined;
  /** The httpSMS phone record id. */
  phoneId: string;
  owner: string;
  contact?: undefined;
  /** The server's time of the decision. */
  timestamp: Date;
}

/** Either normalized view; narrow the event by `type` to get the exact one. */
export type HttpsmsNormalized = HttpsmsMessageNormalized | HttpsmsHeartbeatNormalized;

type EventOf<T extends HttpsmsEventType> = {
  provider: 'httpsms';
  type: T;
  /** The CloudEvents id: the same on httpSMS's retry, so it is the de-duplication key. */
  id: string;
  source: string;
  /** When httpSMS created the event (its server's clock). */
  time: Date;
  /** The validated `data` of the CloudEvent. */
  payload: HttpsmsDataByType[T];
  normalized: T extends HttpsmsHeartbeatEventType ? HttpsmsHeartbeatNormalized : HttpsmsMessageNormalized;
};

export type HttpsmsMessageReceivedEvent = EventOf<'message.phone.received'>;
export type HttpsmsMessageSentEvent = EventOf<'message.phone.sent'>;
export type HttpsmsMessageDeliveredEvent = EventOf<'message.phone.delivered'>;
export type HttpsmsMessageFailedEvent = EventOf<'message.send.failed'>;
export type HttpsmsMessageExpiredEvent = EventOf<'message.send.expired'>;
export type HttpsmsCallMissedEvent = EventOf<'message.call.missed'>;
export type HttpsmsHeartbeatOfflineEvent = EventOf<'phone.heartbeat.offline'>;
export type HttpsmsHeartbeatOnlineEvent = EventOf<'phone.heartbeat.online'>;

/** A verified, validated httpSMS webhook event: switch on `type`. */
export type HttpsmsEvent = { [T in HttpsmsEventType]: EventOf<T> }[HttpsmsEventType];

/** A handler for one httpSMS event type (or any), as MtaHandler is for MTA. */
export type HttpsmsHandler<T extends HttpsmsEventType = HttpsmsEventType> = (
  event: Extract<HttpsmsEvent, { type: T }>,
  context: HandlerContext,
) => unknown;
