import { sha256Hex } from '../core/hmac.js';
import type { MtaEvent } from './events.js';

const decoder = new TextDecoder();

/** A short hash of some parts: a key must never hold a phone number in clear, since keys are logged. */
function digest(...parts: unknown[]): string | Promise<string> {
  const hex = sha256Hex(parts.map(String).join('\u0000'));
  return typeof hex === 'string' ? hex.slice(0, 32) : hex.then((full) => full.slice(0, 32));
}

function prefixed(prefix: string, hash: string | Promise<string>): string | Promise<string> {
  return typeof hash === 'string' ? prefix + hash : hash.then((value) => prefix + value);
}

/**
 * The business key that identifies one MTA event across retries (MTA sends no delivery id). It never holds a
 * phone number in clear, since keys are logged. A promise only on runtimes where hashing needs WebCrypto.
 * - delivery-status: message id and status code (one event per status change in the message's history)
 * - message-reply: reply id (V3) or inbound message id (V1/V2)
 * - message-send: message id
 * - number-opt-in: a hash of the number, method and timestamp (V3), or of the whole body (V1/V2, no timestamp)
 */
export function mtaDeliveryKey(event: MtaEvent, rawBody: Uint8Array): string | Promise<string> {
  switch (event.type) {
    case 'delivery-status':
      return `mta:delivery-status:${event.normalized.messageId}:${event.normalized.status.code}`;
    case 'message-reply': {
      const id = event.normalized.replyId ?? event.normalized.messageId;
      return id ? `mta:message-reply:${id}` : prefixed('mta:message-reply:body:', digest(decoder.decode(rawBody)));
    }
    case 'message-send':
      return `mta:message-send:${event.normalized.messageId}`;
    case 'number-opt-in': {
      const { from, optInType, timestamp } = event.normalized;
      return timestamp
        ? prefixed('mta:number-opt-in:', digest(from, optInType, timestamp.toISOString()))
        : prefixed('mta:number-opt-in:body:', digest(decoder.decode(rawBody)));
    }
  }
}
