import { MTA_DELIVERY_STATUS, type MtaDeliveryStatusName } from '../mta/constants.js';
import type { StatusRule } from './types.js';

const step = (rank: number): StatusRule => Object.freeze({ rank, final: false });
const final = (rank: number): StatusRule => Object.freeze({ rank, final: true });

/**
 * MTA delivery statuses, by name. QUEUED < SENDING < SENT < DELIVERY_UNCONFIRMED < UNKNOWN < every other final
 * code. DELIVERY_UNCONFIRMED is not final: DELIVERED or a failure may still follow it. A code newer than this
 * package (UNKNOWN) moves a message on from a non-final status but never replaces a known final one, and a known
 * final status replaces it. Among final codes (equal rank), the first one recorded stays.
 */
export const MTA_STATUS_PRECEDENCE: Readonly<Record<MtaDeliveryStatusName, StatusRule>> = Object.freeze({
  QUEUED: step(1),
  SENDING: step(2),
  SENT: step(3),
  DELIVERY_UNCONFIRMED: step(4),
  UNKNOWN: step(5),
  DELIVERED: final(6),
  SENDING_FAILED: final(6),
  DELIVERY_FAILED: final(6),
  DELIVERY_REJECTED: final(6),
  UNDELIVERED: final(6),
  INVALID_NUMBER: final(6),
  STOPPED_NUMBER: final(6),
  LANDLINE: final(6),
  SEND_REJECTED: final(6),
  QUEUEING_FAILED: final(6),
});

/** The statuses an httpSMS message goes through, one per event (`message.send.expired` is two). */
export const HTTPSMS_STATUS_NAMES = ['SENT', 'DELIVERED', 'FAILED', 'EXPIRED', 'EXPIRED_RETRYING'] as const;
export type HttpsmsStatusName = (typeof HTTPSMS_STATUS_NAMES)[number];

/**
 * httpSMS: SENT < DELIVERED | FAILED | EXPIRED, the final ones sticky. EXPIRED_RETRYING is `message.send.expired`
 * with `is_final: false`: httpSMS reschedules the message, so it ranks with SENT and the later of the two (by the
 * CloudEvents `time`) stands; a later `sent` or `delivered` applies.
 */
export const HTTPSMS_STATUS_PRECEDENCE: Readonly<Record<HttpsmsStatusName, StatusRule>> = Object.freeze({
  SENT: step(1),
  EXPIRED_RETRYING: step(1),
  DELIVERED: final(2),
  FAILED: final(2),
  EXPIRED: final(2),
});

/** Entries that replace the defaults (a partial table is merged over them). */
export interface StatusPrecedenceOptions {
  mta?: Partial<Record<MtaDeliveryStatusName, StatusRule>>;
  httpsms?: Partial<Record<HttpsmsStatusName, StatusRule>>;
}

export interface StatusPrecedence {
  mta: Readonly<Record<MtaDeliveryStatusName, StatusRule>>;
  httpsms: Readonly<Record<HttpsmsStatusName, StatusRule>>;
}

const MTA_NAMES = [...Object.keys(MTA_DELIVERY_STATUS), 'UNKNOWN'];

/** The tables in effect: the defaults with the user's entries over them, checked once (TypeError naming the entry). */
export function checkPrecedence(options: StatusPrecedenceOptions | undefined): StatusPrecedence {
  if (options === undefined) return { mta: MTA_STATUS_PRECEDENCE, httpsms: HTTPSMS_STATUS_PRECEDENCE };
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('Option "precedence" must be an object: { mta?: {...}, httpsms?: {...} }.');
  }
  return {
    mta: merge(MTA_STATUS_PRECEDENCE, options.mta, 'mta', MTA_NAMES),
    httpsms: merge(HTTPSMS_STATUS_PRECEDENCE, options.httpsms, 'httpsms', HTTPSMS_STATUS_NAMES),
  };
}

function merge<K extends string>(
  defaults: Readonly<Record<K, StatusRule>>,
  given: Partial<Record<K, StatusRule>> | undefined,
  provider: string,
  names: readonly string[],
): Readonly<Record<K, StatusRule>> {
  if (given === undefined) return defaults;
  const table: Record<string, StatusRule> = { ...defaults };
  for (const [name, rule] of Object.entries(given as Record<string, unknown>)) {
    const where = `precedence.${provider}.${name}`;
    if (!names.includes(name)) throw new TypeError(`Option "${where}" names no status; known: ${names.join(', ')}.`);
    const { rank, final: isFinal } = (rule ?? {}) as Partial<StatusRule>;
    if (typeof rank !== 'number' || !Number.isFinite(rank) || typeof isFinal !== 'boolean') {
      throw new TypeError(`Option "${where}" must be { rank: number, final: boolean }.`);
    }
    table[name] = Object.freeze({ rank, final: isFinal });
  }
  return Object.freeze(table) as Record<K, StatusRule>;
}
