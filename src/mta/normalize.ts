import { deliveryStatusName, type MtaEventType, type MtaOptInType } from './constants.js';
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

const date = (value: unknown): Date | undefined => (typeof value === 'string' ? new Date(value) : undefined);

function common(p: Payload) {
  return {
    externalId: text(p.externalId),
    senderName: text(p.senderName),
    tags: (p.tags as Record<string, string> | null | undefined) ?? {},
    timestamp: date(p.timestamp),
  };
}

function deliveryStatus(p: Payload): MtaDeliveryStatusData {
  const code = p.status as number;
  return {
    ...common(p),
    to: String(p.toNumber ?? p.destinationNumber),
    from: text(p.fromNumber),
    messageId: String(p.messageId),
    status: { code, name: deliveryStatusName(code) },
  };
}

function messageReply(p: Payload): MtaMessageReplyData {
  return {
    ...common(p),
    from: String(p.fromNumber ?? p.originationNumber),
    to: text(p.toNumber ?? p.destinationNumber),
    message: String(p.message),
    replyId: text(p.replyId),
    messageId: text(p.messageId),
    previousMessageId: text(p.previousMessageId),
    isOptOut: typeof p.isOptOutMessage === 'boolean' ? p.isOptOutMessage : undefined,
    mediaUrl: text(p.url) || undefined,
  };
}

function messageSend(p: Payload): MtaMessageSendData {
  return {
    ...common(p),
    to: String(p.toNumber ?? p.destinationNumber),
    from: text(p.fromNumber),
    messageId: String(p.messageId),
    message: String(p.message),
    mediaUrl: text(p.url) || undefined,
  };
}

function numberOptIn(p: Payload, version3: boolean): MtaNumberOptInData {
  return {
    ...common(p),
    from: String(p.fromNumber ?? p.originationNumber),
    to: text(p.toNumber ?? p.destinationNumber),
    optInType: (version3 ? p.type : p.optInType) as MtaOptInType,
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
