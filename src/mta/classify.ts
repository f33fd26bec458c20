import { MTA_EVENT_TYPES, MTA_OPT_IN_TYPES, type MtaEventType, type MtaVersion } from './constants.js';

type Body = Record<string, unknown>;

const EVENT_BY_SPELLING = new Map<string, MtaEventType>(
  MTA_EVENT_TYPES.map((type) => [type.replace(/-/g, ''), type]),
);

/**
 * The event a `type` value names, in any of the spellings it may have on the wire: 'delivery-status',
 * 'DELIVERY_STATUS', 'MTAWebhook.DELIVERY_STATUS', 'deliveryStatus'. Anything else (a V3 opt-in method such
 * as 'sms', or an unknown word) names no event.
 */
export function eventFromTypeField(value: unknown): MtaEventType | undefined {
  if (typeof value !== 'string') return undefined;
  const known = KNOWN_SPELLINGS.get(value);
  if (known) return known;
  const word = value.trim().replace(/^mtawebhooks?[.:]/i, '').replace(/[-_\s]/g, '').toLowerCase();
  return EVENT_BY_SPELLING.get(word);
}

// The spellings most likely on the wire, looked up before any string work.
const KNOWN_SPELLINGS = new Map<string, MtaEventType>(
  MTA_EVENT_TYPES.flatMap((type) => {
    const constant = type.toUpperCase().replace(/-/g, '_');
    return [
      [type, type],
      [constant, type],
      [`MTAWebhook.${constant}`, type],
    ] as Array<[string, MtaEventType]>;
  }),
);

const has = (body: Body, key: string): boolean => body[key] !== undefined;

/** The event a body's keys point to when its `type` says nothing: each event has a key no other one has. */
export function eventFromShape(body: Body): MtaEventType | undefined {
  if (has(body, 'optInType') || isOptInMethod(body.type)) return 'number-opt-in';
  if (has(body, 'status')) return 'delivery-status';
  if (has(body, 'replyId') || has(body, 'isOptOutMessage') || has(body, 'previousMessageId')) return 'message-reply';
  if (has(body, 'originationNumber') && has(body, 'message')) return 'message-reply';
  if (has(body, 'message')) return 'message-send';
  return undefined;
}

function isOptInMethod(value: unknown): boolean {
  return typeof value === 'string' && (MTA_OPT_IN_TYPES as readonly string[]).includes(value.toLowerCase());
}

/**
 * The versions worth trying for a body: V3 names the parties fromNumber/toNumber, V1 and V2
 * originationNumber/destinationNumber. Trying only those keeps a valid delivery to one or two schema checks.
 */
export function candidateVersions(body: Body): readonly MtaVersion[] {
  const v3 = has(body, 'toNumber') || has(body, 'fromNumber') || has(body, 'replyId');
  const v12 = has(body, 'destinationNumber') || has(body, 'originationNumber');
  if (v3 && !v12) return ONLY_V3;
  if (v12 && !v3) return V1_V2;
  return ALL_VERSIONS;
}

const ONLY_V3: readonly MtaVersion[] = [3];
const V1_V2: readonly MtaVersion[] = [1, 2];
const ALL_VERSIONS: readonly MtaVersion[] = [1, 2, 3];
