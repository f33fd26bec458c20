import { deliveryStatusV1, deliveryStatusV2, deliveryStatusV3 } from './delivery-status.js';
import type { DeliveryStatusV1, DeliveryStatusV2, DeliveryStatusV3 } from './delivery-status.js';
import { MTA_SCHEMAS } from './index.js';
import { messageReplyV1, messageReplyV2, messageReplyV3 } from './message-reply.js';
import type { MessageReplyV1, MessageReplyV2, MessageReplyV3 } from './message-reply.js';
import { messageSendV1, messageSendV2, messageSendV3 } from './message-send.js';
import type { MessageSendV1, MessageSendV2, MessageSendV3 } from './message-send.js';
import { numberOptInV1, numberOptInV2, numberOptInV3 } from './number-opt-in.js';
import type { NumberOptInV1, NumberOptInV2, NumberOptInV3 } from './number-opt-in.js';

// The schemas as one plain object rather than `export * as`: a namespace re-export of modules that hold both
// values and types bundles into declarations that fail `tsc` under `skipLibCheck: false` (TS2693).

/** The zod schema of every MTA payload, by event and version (and all of them in `MTA_SCHEMAS`). */
export const mtaSchemas = {
  deliveryStatusV1,
  deliveryStatusV2,
  deliveryStatusV3,
  messageReplyV1,
  messageReplyV2,
  messageReplyV3,
  messageSendV1,
  messageSendV2,
  messageSendV3,
  numberOptInV1,
  numberOptInV2,
  numberOptInV3,
  MTA_SCHEMAS,
} as const;

// The validated payload types (event.payload narrowed by type and version), under names that say which provider.
export type MtaDeliveryStatusPayloadV1 = DeliveryStatusV1;
export type MtaDeliveryStatusPayloadV2 = DeliveryStatusV2;
export type MtaDeliveryStatusPayloadV3 = DeliveryStatusV3;
export type MtaMessageReplyPayloadV1 = MessageReplyV1;
export type MtaMessageReplyPayloadV2 = MessageReplyV2;
export type MtaMessageReplyPayloadV3 = MessageReplyV3;
export type MtaMessageSendPayloadV1 = MessageSendV1;
export type MtaMessageSendPayloadV2 = MessageSendV2;
export type MtaMessageSendPayloadV3 = MessageSendV3;
export type MtaNumberOptInPayloadV1 = NumberOptInV1;
export type MtaNumberOptInPayloadV2 = NumberOptInV2;
export type MtaNumberOptInPayloadV3 = NumberOptInV3;
