import { z } from 'zod';
import type { KnownFields } from '../../core/known-fields.js';
import { id, optional, phone, statusCode, stringOrNumber, tags, timestamp, typeMarker } from './fields.js';

// Seed 004, "Delivery Status". V1 and V2 have the same fields.

export const deliveryStatusV1 = z.looseObject({
  destinationNumber: phone,
  messageId: id,
  externalId: z.string(),
  status: statusCode,
  tags,
  senderName: optional(z.string()),
  type: typeMarker,
});

export const deliveryStatusV2 = deliveryStatusV1;

export const deliveryStatusV3 = z.looseObject({
  fromNumber: optional(phone),
  toNumber: phone,
  messageId: id,
  externalId: optional(z.string()),
  timestamp,
  status: statusCode,
  tags,
  senderName: optional(z.string()),
  // Documented as "type: MTADeliveryStatus", which contradicts its description; accepted as given.
  type: optional(stringOrNumber),
});

export type DeliveryStatusV1 = KnownFields<z.output<typeof deliveryStatusV1>>;
export type DeliveryStatusV2 = KnownFields<z.output<typeof deliveryStatusV2>>;
export type DeliveryStatusV3 = KnownFields<z.output<typeof deliveryStatusV3>>;
