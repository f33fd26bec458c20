import type { z } from 'zod';
import type { MtaEventType, MtaVersion } from '../constants.js';
import { deliveryStatusV1, deliveryStatusV2, deliveryStatusV3 } from './delivery-status.js';
import { messageReplyV1, messageReplyV2, messageReplyV3 } from './message-reply.js';
import { messageSendV1, messageSendV2, messageSendV3 } from './message-send.js';
import { numberOptInV1, numberOptInV2, numberOptInV3 } from './number-opt-in.js';

export * from './delivery-status.js';
export * from './message-reply.js';
export * from './message-send.js';
export * from './number-opt-in.js';

/** Every documented payload schema, by event and version. */
export const MTA_SCHEMAS: Record<MtaEventType, Record<MtaVersion, z.ZodType>> = {
  'delivery-status': { 1: deliveryStatusV1, 2: deliveryStatusV2, 3: deliveryStatusV3 },
  'message-reply': { 1: messageReplyV1, 2: messageReplyV2, 3: messageReplyV3 },
  'message-send': { 1: messageSendV1, 2: messageSendV2, 3: messageSendV3 },
  'number-opt-in': { 1: numberOptInV1, 2: numberOptInV2, 3: numberOptInV3 },
};
