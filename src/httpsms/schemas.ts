import { z } from 'zod';
import type { KnownFields } from '../core/known-fields.js';
import { HTTPSMS_EVENT_TYPES, type HttpsmsEventType } from './constants.js';

// The CloudEvents envelope and the eight data payloads, as httpSMS serialises them (reference, sections 3 and
// 6). Every data key is always present; pointer fields are null when unset. Extra keys are kept.

/** RFC 3339 as Go writes it: 0-9 fractional digits, Z or an offset. */
const time = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/, 'expected an RFC 3339 time');
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'expected a UUID');
const nonEmpty = z.string().min(1);
const sim = z.enum(['SIM1', 'SIM2']);

const outgoing = {
  id: uuid,
  user_id: nonEmpty,
  request_id: z.string().nullable(),
  owner: nonEmpty,
  contact: nonEmpty,
  encrypted: z.boolean(),
  timestamp: time,
  content: z.string(),
  sim,
};

const heartbeat = {
  phone_id: uuid,
  user_id: nonEmpty,
  last_heartbeat_timestamp: time,
  timestamp: time,
  monitor_id: uuid,
  owner: nonEmpty,
};

export const HTTPSMS_DATA_SCHEMAS = {
  'message.phone.received': z.looseObject({
    message_id: uuid,
    user_id: nonEmpty,
    owner: nonEmpty,
    // Both absent from payloads older than attachments support (the docs' example): accepted when missing.
    encrypted: z.boolean().optional(),
    contact: nonEmpty,
    timestamp: time,
    content: z.string(),
    sim,
    attachments: z.array(z.string()).optional(),
  }),
  'message.phone.sent': z.looseObject(outgoing),
  'message.phone.delivered': z.looseObject(outgoing),
  'message.send.failed': z.looseObject({ ...outgoing, error_message: z.string() }),
  'message.send.expired': z.looseObject({
    message_id: uuid,
    owner: nonEmpty,
    send_attempt_count: z.number().int().nonnegative(),
    is_final: z.boolean(),
    request_id: z.string().nullable(),
    contact: nonEmpty,
    encrypted: z.boolean(),
    user_id: nonEmpty,
    timestamp: time,
    content: z.string(),
    sim,
  }),
  'message.call.missed': z.looseObject({
    message_id: uuid,
    user_id: nonEmpty,
    owner: nonEmpty,
    contact: nonEmpty,
    timestamp: time,
    sim,
  }),
  'phone.heartbeat.offline': z.looseObject(heartbeat),
  'phone.heartbeat.online': z.looseObject(heartbeat),
} satisfies Record<HttpsmsEventType, z.ZodType>;

/** CloudEvents 1.0 as httpSMS writes it; `data` is checked by the schema of `type`. */
export const httpsmsEnvelope = z.looseObject({
  specversion: z.literal('1.0'),
  id: nonEmpty,
  source: z.string(),
  type: z.enum(HTTPSMS_EVENT_TYPES),
  datacontenttype: z.literal('application/json').optional(),
  time,
  data: z.record(z.string(), z.unknown()),
});

// Without the open index signature of z.looseObject, so that a misspelled field is a compile error (extra fields
// still reach run time: see KnownFields).
type Data = { [T in HttpsmsEventType]: KnownFields<z.output<(typeof HTTPSMS_DATA_SCHEMAS)[T]>> };
export type HttpsmsMessageReceivedData = Data['message.phone.received'];
export type HttpsmsMessageSentData = Data['message.phone.sent'];
export type HttpsmsMessageDeliveredData = Data['message.phone.delivered'];
export type HttpsmsMessageFailedData = Data['message.send.failed'];
export type HttpsmsMessageExpiredData = Data['message.send.expired'];
export type HttpsmsCallMissedData = Data['message.call.missed'];
export type HttpsmsHeartbeatData = Data['phone.heartbeat.offline'];
export type HttpsmsDataByType = Data;
export type HttpsmsEnvelope = KnownFields<z.output<typeof httpsmsEnvelope>>;
