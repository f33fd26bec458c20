import { createHash } from 'node:crypto';
import type { MtaEvent } from './events.js';

const digest = (...parts: unknown[]): string =>
  createHash('sha256').update(parts.map(String).join('\u0000')).digest('hex').slice(0, 32);

/**
 * The business key that identifies one MTA event across retries (MTA sends no delivery id). It never holds a
 * phone number in clear, since keys are logged.
 * - delivery-status: message id and status code (one event per status change in the message's history)
 * - message-reply: reply id (V3) or inbound message id (V1/V2)
 * - message-send: message id
 * - number-opt-in: a hash of the number, method and timestamp (V3), or of the whole body (V1/V2, no timestamp)
 */
export function mtaDeliveryKey(event: MtaEvent, rawBody: Buffer): string {
  switch (event.type) {
    case 'delivery-status':
      return `mta:delivery-status:${event.normalized.messageId}:${event.normalized.status.code}`;
    case 'message-reply': {
      const id = event.normalized.replyId ?? event.normalized.messageId;
      return id ? `mta:message-reply:${id}` : `mta:message-reply:body:${digest(rawBody.toString('utf8'))}`;
    }
    case 'message-send':
      return `mta:message-send:${event.normalized.messageId}`;
    case 'number-opt-in': {
      const { from, optInType, timestamp } = event.normalized;
      return timestamp
        ? `mta:number-opt-in:${digest(from, optInType, timestamp.toISOString())}`
        : `mta:number-opt-in:body:${digest(rawBody.toString('utf8'))}`;
    }
  }
}
