import type { HttpsmsEventType } from './constants.js';
import type { HttpsmsDataByType } from './schemas.js';

/** The same facts under the same names in every event (message ids are `id` in some, `message_id` in others). */
export interface HttpsmsNormalized {
  /** The httpSMS message id (received, sent, delivered, failed, expired, missed call). */
  messageId?: string;
  /** The httpSMS phone record id (heartbeats). */
  phoneId?: string;
  /** The httpSMS phone's own number (E.164). */
  owner: string;
  /** The other party: E.164, or an alphanumeric sender id or short code. */
  contact?: string;
  /** The time the payload reports (phone or server clock, see the reference). */
  timestamp: Date;
}

type EventOf<T extends HttpsmsEventType> = {
  provider: 'httpsms';
  type: T;
  /** The CloudEvents id: the same on httpSMS's retry, so it is the de-duplication key. */
  id: string;
  source: string;
  /** When httpSMS created the event. */
  time: Date;
  /** The validated `data` of the CloudEvent. */
  payload: HttpsmsDataByType[T];
  normalized: HttpsmsNormalized;
};

/** A verified, validated httpSMS webhook event: switch on `type`. */
export type HttpsmsEvent = { [T in HttpsmsEventType]: EventOf<T> }[HttpsmsEventType];
