import { z } from 'zod';
import { MTA_OPT_IN_TYPES } from '../constants.js';

// Field types shared by the payload schemas. Liberal where MTA's tables disagree with themselves, strict where
// a handler depends on the value.

/** A phone number as text, kept as sent: not empty or blank. */
export const phone = z.string().regex(/\S/, 'expected a phone number, not an empty string');

/** A phone documented as `number` (V1 message-reply): a JSON number is accepted and kept. */
export const phoneOrNumber = z.union([phone, z.number()]);

/** An id documented as number in one version and string in another: both are accepted everywhere. */
export const id = z.union([z.string().regex(/\S/, 'expected an id, not an empty string'), z.number()]);

/** An optional field: "may be missing or null". */
export const optional = <T extends z.ZodType>(schema: T) => schema.nullish();

/**
 * Tags the sender attached to the message: string to string. A plain check rather than z.record, which costs
 * as much as the rest of a payload together; tags are on every delivery.
 */
export const tags = z
  .custom<Record<string, string>>(isStringRecord, 'expected an object of string tags')
  .nullish();

function isStringRecord(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const key in value) {
    if (typeof (value as Record<string, unknown>)[key] !== 'string') return false;
  }
  return true;
}

/** A value taken as given (a marker whose spelling is undocumented): a string or a number. */
export const stringOrNumber = z.custom<string | number>(
  (value) => typeof value === 'string' || typeof value === 'number',
  'expected a string or a number',
);

/** A status code; a numeric string is accepted too. Codes after 14 are kept (named UNKNOWN). */
export const statusCode = z.union([
  z.number().int().nonnegative(),
  z.string().regex(/^\d+$/, 'expected a numeric status code').transform(Number),
]);

/** An ISO-8601 date string (date, then time): checked by shape, which is cheaper than parsing it twice. */
export const timestamp = z.string().regex(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/, 'expected an ISO-8601 date');

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
