import { z } from 'zod';
import type { KnownFields } from '../../core/known-fields.js';
import { optInType, optional, phone, timestamp, typeMarker } from './fields.js';

// Seed 004, "Number Opt-In". V2 makes destinationNumber optional; V3 moves the opt-in method into `type`.

export const numberOptInV1 = z.looseObject({
  originationNumber: phone,
  destinationNumber: phone,
  senderName: optional(z.string()),
  optInType,
  type: typeMarker,
});

export const numberOptInV2 = numberOptInV1.extend({ destinationNumber: optional(phone) });

export const numberOptInV3 = z.looseObject({
  fromNumber: phone,
  toNumber: optional(phone),
  senderName: optional(z.string()),
  type: optInType,
  timestamp,
});

export type NumberOptInV1 = KnownFields<z.output<typeof numberOptInV1>>;
export type NumberOptInV2 = KnownFields<z.output<typeof numberOptInV2>>;
export type NumberOptInV3 = KnownFields<z.output<typeof numberOptInV3>>;
