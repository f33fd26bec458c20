import { z } from 'zod';
import { MTA_OPT_IN_TYPES } from '../constants.js';

// Field types shared by the payload schemas. Liberal where MTA's tables disagree with themselves, strict where
// a handler depends on the value.

/** A phone number as text: non-empty after trimming. */
export const phone = z.string().trim().min(1);

/** A phone documented as `number` (V1 message-reply): a JSON number is accepted and kept. */
export const phoneOrNumber = z.union([phone, z.number()]);

/** An id documented as number in one version and string in another: both are accepted everywhere. */
export const id = z.union([z.string().trim().min(1), z.number()]);

/** An optional field: "may be missing or null". */
export const optional = <T extends z.ZodType>(schema: T) => schema.nullish();

/** Tags the sender attached to the message: string to string. */
export const tags = z.record(z.string(), z.string()).nullish();

/** A status code; a numeric string is accepted too. Codes after 14 are kept (named UNKNOWN). */
export const statusCode = z.union([
  z.number().int().nonnegative(),
  z.string().regex(/^\d+$/, 'expected a numeric status code').transform(Number),
]);

/** An ISO-8601 UTC date string that parses. */
export const timestamp = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'expected an ISO-8601 date');

/** sms, email, imessage or rcs, in any letter case. */
export const optInType = z
  .string()
  .transform((value) => value.toLowerCase())
  .pipe(z.enum(MTA_OPT_IN_TYPES));

/**
 * The V1/V2 `type` marker. Its wire spelling is undocumented and a route may pin the event, so any string is
 * accepted, and a missing marker too: classification reads it, validation does not depend on it.
 */
export const typeMarker = z.string().nullish();
