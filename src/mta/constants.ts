/** The four MTA webhook events, spelled as in the Webhooks API's `event` field. */
export const MTA_EVENT_TYPES = ['delivery-status', 'message-reply', 'message-send', 'number-opt-in'] as const;
export type MtaEventType = (typeof MTA_EVENT_TYPES)[number];

/** Payload versions; V3 is MTA's default for new accounts. */
export const MTA_VERSIONS = [1, 2, 3] as const;
export type MtaVersion = (typeof MTA_VERSIONS)[number];

/** MTA delivery status codes, as documented (1-14). */
export const MTA_DELIVERY_STATUS = {
  QUEUED: 1,
  SENDING: 2,
  SENT: 3,
  DELIVERED: 4,
  SENDING_FAILED: 5,
  DELIVERY_FAILED: 6,
  DELIVERY_UNCONFIRMED: 7,
  DELIVERY_REJECTED: 8,
  UNDELIVERED: 9,
  INVALID_NUMBER: 10,
  STOPPED_NUMBER: 11,
  LANDLINE: 12,
  SEND_REJECTED: 13,
  QUEUEING_FAILED: 14,
} as const;

/** A documented status name, or UNKNOWN for a code MTA added after this package was written. */
export type MtaDeliveryStatusName = keyof typeof MTA_DELIVERY_STATUS | 'UNKNOWN';

const STATUS_NAMES = new Map<number, MtaDeliveryStatusName>(
  Object.entries(MTA_DELIVERY_STATUS).map(([name, code]) => [code, name as MtaDeliveryStatusName]),
);

export function deliveryStatusName(code: number): MtaDeliveryStatusName {
  return STATUS_NAMES.get(code) ?? 'UNKNOWN';
}

/** How a number opted in (`optInType` in V1/V2, `type` in V3). */
export const MTA_OPT_IN_TYPES = ['sms', 'email', 'imessage', 'rcs'] as const;
export type MtaOptInType = (typeof MTA_OPT_IN_TYPES)[number];
