import type { z } from 'zod';
import type { KnownFields } from '../core/known-fields.js';
import type { HttpsmsEventType } from '../httpsms/constants.js';
import type { HTTPSMS_DATA_SCHEMAS, httpsmsEnvelope } from '../httpsms/schemas.js';
import type { MtaEventType, MtaVersion } from '../mta/constants.js';
import type { mtaSchemas } from '../mta/schemas/public.js';

// The wire shapes fixtures are made of (zod input types: what a provider sends, before any transform), so that
// an override with a misspelled field or a wrong type is a compile error rather than a silently added key.

type S = typeof mtaSchemas;
type MtaSchemaOf = {
  'delivery-status': { 1: S['deliveryStatusV1']; 2: S['deliveryStatusV2']; 3: S['deliveryStatusV3'] };
  'message-reply': { 1: S['messageReplyV1']; 2: S['messageReplyV2']; 3: S['messageReplyV3'] };
  'message-send': { 1: S['messageSendV1']; 2: S['messageSendV2']; 3: S['messageSendV3'] };
  'number-opt-in': { 1: S['numberOptInV1']; 2: S['numberOptInV2']; 3: S['numberOptInV3'] };
};

/** An MTA payload as sent, for one event and version. */
export type MtaWirePayload<T extends MtaEventType, V extends MtaVersion = 3> = KnownFields<z.input<MtaSchemaOf[T][V]>>;

/** An httpSMS CloudEvent's `data` as sent, for one event type. */
export type HttpsmsWireData<T extends HttpsmsEventType> = KnownFields<z.input<(typeof HTTPSMS_DATA_SCHEMAS)[T]>>;

/** The CloudEvents envelope fields as sent (without `data`). */
export type HttpsmsWireEnvelope = Omit<KnownFields<z.input<typeof httpsmsEnvelope>>, 'data'>;

/**
 * Fields to set on a fixture: each may take its documented type, or undefined to remove it (to test a missing
 * field). To send a value of the wrong type on purpose, cast that override (`{ status: 'x' as never }`).
 */
export type FixtureOverrides<P> = { [K in keyof P]?: P[K] | undefined };
