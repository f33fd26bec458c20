import { z } from 'zod';
import type { KnownFields } from '../../core/known-fields.js';
import { id, optional, phone, tags, timestamp, typeMarker } from './fields.js';

// Seed 004, "Message Send". V1 and V2 differ only in messageId's documented type, which is liberal here.

export const messageSendV1 = z.looseObject({
  destinationNumber: phone,
  messageId: id,
  externalId: z.string(),
  message: z.string(),
  // Listed as always present, but described as "if it was an MMS": plain SMS may carry null or nothing.
  url: optional(z.string()),
  tags,
  senderName: optional(z.string()),
  type: typeMarker,
});

export const messageSendV2 = messageSendV1;

export const messageSendV3 = z.looseObject({
  fromNumber: optional(phone),
  toNumber: phone,
  messageId: id,
  externalId: optional(z.string()),
  message: z.string(),
  url: optional(z.string()),
  timestamp,
  tags,
  senderName: optional(z.string()),
});

export type MessageSendV1 = KnownFields<z.output<typeof messageSendV1>>;
export type MessageSendV2 = KnownFields<z.output<typeof messageSendV2>>;
export type MessageSendV3 = KnownFields<z.output<typeof messageSendV3>>;
