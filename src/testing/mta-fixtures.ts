import { randomInt } from '../core/random.js';
import type { MtaEventType, MtaVersion } from '../mta/constants.js';

// Realistic MTA payloads, one per event and version, exactly with the fields of seed 004. Numbers are in the
// 555-01xx range, reserved for fiction; the time is fixed so tests are deterministic.

const CUSTOMER = { national: '5555550123', e164: '+15555550123' };
const BUSINESS = { national: '5555550100', e164: '+15555550100' };
const AT = '2026-11-23T14:05:09.000Z';
const TAGS = { customerId: 'c-1093', campaign: 'autumn-sale' };

type Payload = Record<string, unknown>;
type Ids = { messageId: number; replyId: number; customer: { national: string; e164: string } };
type Builder = (ids: Ids) => Payload;

const FIXTURES: Record<MtaEventType, Record<MtaVersion, Builder>> = {
  'delivery-status': {
    1: ({ messageId }) => deliveryStatusV12(messageId),
    2: ({ messageId }) => deliveryStatusV12(messageId),
    3: ({ messageId }) => ({
      fromNumber: BUSINESS.e164, toNumber: CUSTOMER.e164, messageId: String(messageId), externalId: 'order-8842',
      timestamp: AT, status: 4, tags: TAGS, senderName: null, type: 'delivery-status',
    }),
  },
  'message-reply': {
    1: ({ messageId }) => ({ ...messageReplyV12(messageId), destinationNumber: Number(BUSINESS.national) }),
    2: ({ messageId }) => messageReplyV12(messageId),
    3: ({ messageId, replyId }) => ({
      fromNumber: CUSTOMER.e164, toNumber: BUSINESS.e164, replyId: String(replyId), externalId: 'order-8842',
      message: 'Yes, Thursday at 3 pm works for me 👍', messageId, url: null, timestamp: AT, tags: TAGS,
      senderName: null,
    }),
  },
  'message-send': {
    1: ({ messageId }) => messageSendV12(messageId),
    2: ({ messageId }) => messageSendV12(messageId),
    3: ({ messageId }) => ({
      fromNumber: BUSINESS.e164, toNumber: CUSTOMER.e164, messageId: String(messageId), externalId: 'order-8842',
      message: 'Your order #8842 has shipped. Reply STOP to opt out.', url: null, timestamp: AT, tags: TAGS,
      senderName: null,
    }),
  },
  'number-opt-in': {
    1: ({ customer }) => numberOptInV12(customer.national),
    2: ({ customer }) => numberOptInV12(customer.national),
    3: ({ customer }) => ({ fromNumber: customer.e164, toNumber: BUSINESS.e164, senderName: null, type: 'sms', timestamp: AT }),
  },
};

function deliveryStatusV12(messageId: number): Payload {
  return {
    destinationNumber: CUSTOMER.national, messageId, externalId: 'order-8842', status: 4, tags: TAGS,
    senderName: null, type: 'MTAWebhook.DELIVERY_STATUS',
  };
}

function messageReplyV12(messageId: number): Payload {
  return {
    originationNumber: CUSTOMER.national, destinationNumber: BUSINESS.national,
    message: 'Yes, Thursday at 3 pm works for me 👍', messageId: messageId + 1, externalId: 'order-8842',
    previousMessageId: String(messageId), isOptOutMessage: false, tags: TAGS, url: null, senderName: null,
    type: 'MTAWebhook.MESSAGE_REPLY',
  };
}

function messageSendV12(messageId: number): Payload {
  return {
    destinationNumber: CUSTOMER.national, messageId, externalId: 'order-8842',
    message: 'Your order #8842 has shipped. Reply STOP to opt out.', url: null, tags: TAGS, senderName: null,
    type: 'MTAWebhook.MESSAGE_SEND',
  };
}

function numberOptInV12(number: string): Payload {
  return {
    originationNumber: number, destinationNumber: BUSINESS.national, senderName: null,
    optInType: 'sms', type: 'MTAWebhook.NUMBER_OPT_IN',
  };
}

/**
 * Another fictional number (555-0100 to 555-0199, in any area code), for unique opt-ins: V1/V2 opt-ins carry
 * no id, so the number is what tells two of them apart.
 */
function fictionalNumber(): { national: string; e164: string } {
  const national = `${randomInt(201, 990)}55501${String(randomInt(0, 100)).padStart(2, '0')}`;
  return { national, e164: `+1${national}` };
}

export interface MtaFixtureOptions {
  /** Payload version; default 3, MTA's default. */
  version?: MtaVersion;
  /** Fields to set on top of the fixture; a field set to undefined is removed. */
  overrides?: Record<string, unknown>;
  /** Fresh random ids (message id, reply id; the number of an opt-in) instead of the fixed ones, for many distinct deliveries. */
  unique?: boolean;
}

/** A realistic payload for one MTA event and version, valid against this package's schemas. */
export function mtaFixture(event: MtaEventType, options: MtaFixtureOptions = {}): Record<string, unknown> {
  const build = FIXTURES[event]?.[options.version ?? 3];
  if (!build) throw new TypeError(`mtaFixture: unknown event "${event}" or version "${options.version}".`);
  const ids: Ids = options.unique
    ? { messageId: randomInt(1e8, 2 ** 47), replyId: randomInt(1e8, 2 ** 47), customer: fictionalNumber() }
    : { messageId: 48213377, replyId: 77120451, customer: CUSTOMER };
  const payload = build(ids);
  for (const [key, value] of Object.entries(options.overrides ?? {})) {
    if (value === undefined) delete payload[key];
    else payload[key] = value;
  }
  return payload;
}
