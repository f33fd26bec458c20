import type { MtaDeliveryStatusName, MtaOptInType } from './constants.js';
import type * as S from './schemas/index.js';

/** V1 and V2 share fields for some events: a body that fits both carries this rather than a guess. */
export type MtaAmbiguousVersion = readonly [1, 2];

/** One event type in every version, with the validated payload typed by version. */
type Versioned<T extends string, P1, P2, P3, N> =
  | { provider: 'mta'; type: T; version: 1; payload: P1; normalized: N }
  | { provider: 'mta'; type: T; version: 2; payload: P2; normalized: N }
  | { provider: 'mta'; type: T; version: MtaAmbiguousVersion; payload: P1 | P2; normalized: N }
  | { provider: 'mta'; type: T; version: 3; payload: P3; normalized: N };

/** Fields that read the same in V1, V2 and V3. Missing and null both become undefined. */
interface MtaNormalizedCommon {
  /** The recipient's number, as sent (national in V1/V2, E.164 in V3). */
  to?: string;
  from?: string;
  externalId?: string;
  senderName?: string;
  tags: Record<string, string>;
  /** V3 only: when MTA produced the event. */
  timestamp?: Date;
}

export interface MtaDeliveryStatusData extends MtaNormalizedCommon {
  /** The outbound message's MTA id. */
  to: string;
  messageId: string;
  status: { code: number; name: MtaDeliveryStatusName };
}

export interface MtaMessageReplyData extends MtaNormalizedCommon {
  /** The customer's number, who sent the reply. */
  from: string;
  message: string;
  /** The inbound reply's own MTA id, in every version (V1/V2 `messageId`, V3 `replyId`). */
  replyId: string;
  /** V3: the MTA id of the outbound message this reply answers (V3 `messageId`), when MTA links one. */
  inReplyToMessageId?: string;
  /** V1/V2: the id of the last message with this number, outbound or inbound, whichever came last. */
  previousMessageId?: string;
  /**
   * The reply asks to opt out: MTA's own verdict in V1/V2 (`isOptOutMessage`); in V3, which has none, the
   * whole text is an opt-out keyword (see MTA_OPT_OUT_KEYWORDS and the option `optOutKeywords`).
   */
  isOptOut: boolean;
  /** Why isOptOut is true: MTA's flag (V1/V2) or a keyword (V3). Undefined when isOptOut is false. */
  optOutSource?: MtaOptOutSource;
  /**
   * The payload's `messageId`, which means the reply's own id in V1/V2 but the answered outbound message in V3.
   * @deprecated Use `replyId` (the reply's id) or `inReplyToMessageId` (the message it answers); removed in 0.3.
   */
  messageId?: string;
  mediaUrl?: string;
}

export type MtaOptOutSource = 'provider' | 'keyword';

export interface MtaMessageSendData extends MtaNormalizedCommon {
  to: string;
  messageId: string;
  message: string;
  mediaUrl?: string;
}

export interface MtaNumberOptInData extends MtaNormalizedCommon {
  from: string;
  optInType: MtaOptInType;
}

export type MtaDeliveryStatusEvent = Versioned<
  'delivery-status', S.DeliveryStatusV1, S.DeliveryStatusV2, S.DeliveryStatusV3, MtaDeliveryStatusData
>;
export type MtaMessageReplyEvent = Versioned<
  'message-reply', S.MessageReplyV1, S.MessageReplyV2, S.MessageReplyV3, MtaMessageReplyData
>;
export type MtaMessageSendEvent = Versioned<
  'message-send', S.MessageSendV1, S.MessageSendV2, S.MessageSendV3, MtaMessageSendData
>;
export type MtaNumberOptInEvent = Versioned<
  'number-opt-in', S.NumberOptInV1, S.NumberOptInV2, S.NumberOptInV3, MtaNumberOptInData
>;

/** A verified, validated MTA webhook event: switch on `type`, then (if needed) on `version`. */
export type MtaEvent = MtaDeliveryStatusEvent | MtaMessageReplyEvent | MtaMessageSendEvent | MtaNumberOptInEvent;
