/** The eight httpSMS events a webhook can subscribe to, as sent in `type` and `X-Event-Type`. */
export const HTTPSMS_EVENT_TYPES = [
  'message.phone.received',
  'message.phone.sent',
  'message.phone.delivered',
  'message.send.failed',
  'message.send.expired',
  'message.call.missed',
  'phone.heartbeat.offline',
  'phone.heartbeat.online',
] as const;
export type HttpsmsEventType = (typeof HTTPSMS_EVENT_TYPES)[number];

/** The issuer of every httpSMS webhook token, even on self-hosted installs. */
export const HTTPSMS_ISSUER = 'api.httpsms.com';

/** httpSMS waits this long for an answer, then retries once. */
export const HTTPSMS_TIMEOUT_MS = 5000;
