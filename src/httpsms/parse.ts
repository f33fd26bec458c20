import { WebhookError } from '../core/errors.js';
import { schemaError } from '../core/schema-issues.js';
import { HTTPSMS_EVENT_TYPES, type HttpsmsEventType } from './constants.js';
import type { HttpsmsEvent, HttpsmsNormalized } from './events.js';
import { HTTPSMS_DATA_SCHEMAS, httpsmsEnvelope } from './schemas.js';

/**
 * Validates a CloudEvent from httpSMS: the envelope, then `data` by its `type`, which must equal the
 * X-Event-Type header when one is given. Throws a 422 WebhookError naming fields, never values.
 */
export function parseHttpsmsEvent(json: unknown, eventTypeHeader?: string): HttpsmsEvent {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new WebhookError('payload.unknown_event', 'The body is not a JSON object, so it is no httpSMS CloudEvent.');
  }
  const type = (json as { type?: unknown }).type;
  if (!HTTPSMS_EVENT_TYPES.includes(type as HttpsmsEventType)) {
    throw new WebhookError(
      'payload.unknown_event',
      `The body's "type" is not one of the httpSMS webhook events (${HTTPSMS_EVENT_TYPES.join(', ')}).`,
    );
  }
  if (eventTypeHeader !== undefined && eventTypeHeader !== type) {
    throw new WebhookError('payload.invalid', `The X-Event-Type header and the body's "type" name different events.`);
  }
  const envelope = httpsmsEnvelope.safeParse(json);
  if (!envelope.success) throw schemaError(`httpSMS ${String(type)} envelope`, envelope.error.issues);
  const data = HTTPSMS_DATA_SCHEMAS[envelope.data.type].safeParse(envelope.data.data);
  if (!data.success) throw schemaError(`httpSMS ${String(type)} data`, data.error.issues, 'data.');

  const payload = data.data as Record<string, unknown>;
  return {
    provider: 'httpsms',
    type: envelope.data.type,
    id: envelope.data.id,
    source: envelope.data.source,
    time: new Date(envelope.data.time),
    payload,
    normalized: normalize(payload),
  } as HttpsmsEvent;
}

/**
 * The same facts under the same names in every event: heartbeats carry the phone's id, every other event the
 * message id (`message_id` in received, expired and missed call; `id` in sent, delivered and failed).
 */
function normalize(payload: Record<string, unknown>): HttpsmsNormalized {
  const owner = payload.owner as string;
  const timestamp = new Date(payload.timestamp as string);
  if (typeof payload.phone_id === 'string') return { phoneId: payload.phone_id, owner, timestamp };
  return { messageId: (payload.message_id ?? payload.id) as string, owner, contact: payload.contact as string, timestamp };
}
