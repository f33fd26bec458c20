import type { MtaEventType } from './constants.js';

/** A payload field read as it is (text, date, tags, status code), or a value worked out from one. */
export type MtaNormalizedSource = string | { readonly from: string; readonly how: string } | null;

type BySource = Readonly<Record<1 | 2 | 3, MtaNormalizedSource>>;

const same = (field: string): BySource => ({ 1: field, 2: field, 3: field });
const v12 = (field: string, v3: MtaNormalizedSource): BySource => ({ 1: field, 2: field, 3: v3 });
const onlyV3 = (field: string): BySource => ({ 1: null, 2: null, 3: field });
const parties = { from: { 1: 'originationNumber', 2: 'originationNumber', 3: 'fromNumber' }, to: { 1: 'destinationNumber', 2: 'destinationNumber', 3: 'toNumber' } };

/**
 * Which payload field feeds each normalized field, per event and version (`null`: never set in that version).
 * The events page's table (docs/mta.md) is this table, and a test checks every fixture against it, so neither can drift.
 * Each normalized field means one thing in every version; `messageId` on message-reply does not, and is
 * deprecated for `replyId` and `inReplyToMessageId`.
 */
export const MTA_NORMALIZED_SOURCES: Readonly<Record<MtaEventType, Readonly<Record<string, BySource>>>> = {
  'delivery-status': {
    to: parties.to,
    from: onlyV3('fromNumber'),
    messageId: same('messageId'),
    status: same('status'),
    externalId: same('externalId'),
    senderName: same('senderName'),
    tags: same('tags'),
    timestamp: onlyV3('timestamp'),
  },
  'message-reply': {
    from: parties.from,
    to: parties.to,
    message: same('message'),
    replyId: v12('messageId', 'replyId'),
    inReplyToMessageId: onlyV3('messageId'),
    previousMessageId: v12('previousMessageId', null),
    isOptOut: v12('isOptOutMessage', { from: 'message', how: 'opt-out keywords' }),
    optOutSource: v12('isOptOutMessage', { from: 'message', how: 'opt-out keywords' }),
    mediaUrl: same('url'),
    externalId: same('externalId'),
    senderName: same('senderName'),
    tags: same('tags'),
    timestamp: onlyV3('timestamp'),
    messageId: same('messageId'),
  },
  'message-send': {
    to: parties.to,
    from: onlyV3('fromNumber'),
    messageId: same('messageId'),
    message: same('message'),
    mediaUrl: same('url'),
    externalId: same('externalId'),
    senderName: same('senderName'),
    tags: same('tags'),
    timestamp: onlyV3('timestamp'),
  },
  'number-opt-in': {
    from: parties.from,
    to: parties.to,
    optInType: v12('optInType', 'type'),
    senderName: same('senderName'),
    tags: { 1: null, 2: null, 3: null },
    timestamp: onlyV3('timestamp'),
  },
};
