import { deliveryStatusName, type MtaEventType, type MtaOptInType } from './constants.js';
import type {
  MtaDeliveryStatusData,
  MtaMessageReplyData,
  MtaMessageSendData,
  MtaNumberOptInData,
} from './events.js';
import type { OptOutMatcher } from './opt-out.js';

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

// Object literals, not spreads: this runs for every delivery, and V8 builds a literal many times faster. Every
// object is the delivery's own (status, tags): a handler that changes one changes nothing for the next delivery.
// Which payload field feeds which normalized field is written down in normalized-sources.ts.

function deliveryStatus(p: Payload): MtaDeliveryStatusData {
  const code = p.status as number;
  return {
    to: String(p.toNumber ?? p.destinationNumber),
    from: text(p.fromNumber),
    messageId: String(p.messageId),
    status: { code, name: deliveryStatusName(code) },
    externalId: text(p.externalId),
    senderName: text(p.senderName),
    tags: tagsOf(p),
    timestamp: date(p.timestamp),
  };
}

// V1/V2 carry MTA's own opt-out verdict; V3 carries none, so the reply's text is matched against the keywords.
function messageReply(p: Payload, version3: boolean, isOptOutText: OptOutMatcher): MtaMessageReplyData {
  const message = String(p.message);
  const isOptOut = version3 ? isOptOutText(message) : p.isOptOutMessage === true;
  return {
    from: String(p.fromNumber ?? p.originationNumber),
    to: text(p.toNumber ?? p.destinationNumber),
    message,
    replyId: String(version3 ? p.replyId : p.messageId),
    inReplyToMessageId: version3 ? text(p.messageId) : undefined,
    previousMessageId: version3 ? undefined : text(p.previousMessageId),
    isOptOut,
    optOutSource: isOptOut ? (version3 ? 'keyword' : 'provider') : undefined,
    messageId: text(p.messageId),
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

export function normalize(type: MtaEventType, payload: Payload, version3: boolean, isOptOutText: OptOutMatcher) {
  switch (type) {
    case 'delivery-status':
      return deliveryStatus(payload);
    case 'message-reply':
      return messageReply(payload, version3, isOptOutText);
    case 'message-send':
      return messageSend(payload);
    case 'number-opt-in':
      return numberOptIn(payload, version3);
  }
}
