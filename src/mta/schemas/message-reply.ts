import { z } from 'zod';
import type { KnownFields } from '../../core/known-fields.js';
import { id, optional, phone, phoneOrNumber, tags, timestamp, typeMarker } from './fields.js';

// Seed 004, "Message Reply". V1 documents destinationNumber as a number, V2 as a string.

export const messageReplyV1 = z.looseObject({
  originationNumber: phone,
  destinationNumber: phoneOrNumber,
  message: z.string(),
  messageId: id,
  externalId: z.string(),
  previousMessageId: id,
  isOptOutMessage: z.boolean(),
  tags,
  url: optional(z.string()),
  senderName: optional(z.string()),
  type: typeMarker,
});

export const messageReplyV2 = messageReplyV1.extend({ destinationNumber: phone });

export const messageReplyV3 = z.looseObject({
  fromNumber: phone,
  toNumber: optional(phone),
  replyId: id,
  externalId: optional(z.string()),
  message: z.string(),
  messageId: optional(id),
  url: optional(z.string()),
  timestamp,
  tags,
  senderName: optional(z.string()),
});

export type MessageReplyV1 = KnownFields<z.output<typeof messageReplyV1>>;
export type MessageReplyV2 = KnownFields<z.output<typeof messageReplyV2>>;
export type MessageReplyV3 = KnownFields<z.output<typeof messageReplyV3>>;
