import { MTA_DELIVERY_STATUS, deliveryStatusName, type MtaEventType, type MtaOptInType } from './constants.js';
import type {
  MtaDeliveryStatusData,
  MtaMessageReplyData,
  MtaMessageSendData,
  MtaNumberOptInData,
} from './events.js';

// The payload has already passed its schema; these read it the same way whatever the version. V1/V2 name the
// parties origination/destination, V3 from/to.
type Payload = Record<string, unknown>;

const text = (value: unknown): string | undefined => (value === null || value === undefined ? undefined : String(value));

/** A Date when the text parses (the schema checked its shape only), else undefined. */
const date = (value: unknown): Date | undefined => {
  if (typeof value !== 'string') return undefined;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
};

const tagsOf = (p: Payload): Record<string, string> => (p.tags as Record<string, string> | null | undefined) ?? {};

// Object literals, not spreads: this runs for every delivery, and V8 builds a literal many times faster.

// One shared, frozen { code, name } per documented status: no allocation per delivery.
const STATUSES = new Map(
  Object.values(MTA_DELIVERY_STATUS).map((code) => [code as number, Object.freeze({ code, name: deliveryStatusName(code) })]),
);

function deliveryStatus(p: Payload): MtaDeliveryStatusData {
  const code = p.status as number;
  return {
    to: String(p.toNumber ?? p.destinationNumber),
    from: text(p.fromNumber),
    messageId: String(p.messageId),
    status: STATUSES.get(code) ?? { code, name: deliveryStatusName(code) },
    externalId: text(p.externalId),
    senderName: text(p.senderName),
    tags: tagsOf(p),
    timestamp: date(p.timestamp),
  };
}

function messageReply(p: Payload): MtaMessageReplyData {
  return {
    from: String(p.fromNumber ?? p.originationNumber),
    to: text(p.toNumber ?? p.destinationNumber),
    message: String(p.message),
    replyId: text(p.replyId),
    messageId: text(p.messageId),
    previousMessageId: text(p.previousMessageId),
    isOptOut: typeof p.isOptOutMessage === 'boolean' ? p.isOptOutMessage : undefined,
    mediaUrl: text(p.url) || undefined,
    externalId: text(p.externalId),
    senderName: text(p.senderName),
    tags: tagsOf(p),
    timestamp: date(p.timestamp),
  };
}

function messageSend(p: Payload): MtaMessageSendData {
  return {
    to: String(p.toNumber ?? p.destinationNumber),
    from: text(p.fromNumber),
    messageId: String(p.messageId),
    message: String(p.message),
    mediaUrl: text(p.url) || undefined,
    externalId: text(p.externalId),
    senderName: text(p.senderName),
    tags: tagsOf(p),
    timestamp: date(p.timestamp),
  };
}

function numberOptIn(p: Payload, version3: boolean): MtaNumberOptInData {
  return {
    from: String(p.fromNumber ?? p.originationNumber),
    to: text(p.toNumber ?? p.destinationNumber),
    optInType: (version3 ? p.type : p.optInType) as MtaOptInType,
    senderName: text(p.senderName),
    tags: tagsOf(p),
    timestamp: date(p.timestamp),
  };
}

export function normalize(type: MtaEventType, payload: Payload, version3: boolean) {
  switch (type) {
    case 'delivery-status':
      return deliveryStatus(payload);
    case 'message-reply':
      return messageReply(payload);
    case 'message-send':
      return messageSend(payload);
    case 'number-opt-in':
      return numberOptIn(payload, version3);
  }
}
