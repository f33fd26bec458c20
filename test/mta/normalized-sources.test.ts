import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MTA_EVENT_TYPES, deliveryStatusName, type MtaEventType } from '../../src/mta/constants';
import { MTA_NORMALIZED_SOURCES, type MtaNormalizedSource } from '../../src/mta/normalized-sources';
import { optOutMatcher } from '../../src/mta/opt-out';
import { parseMtaEvent } from '../../src/mta/parse';
import { mtaFixture } from '../../src/testing/mta-fixtures';
import { renderNormalizedSources } from '../helpers/normalized-sources-table';

type Payload = Record<string, unknown>;

/** What a normalized field holds when it is read from `source`: the reading each field's type implies. */
function expected(field: string, source: MtaNormalizedSource, payload: Payload): unknown {
  if (field === 'tags') return source === null ? {} : (payload[source as string] ?? {});
  if (source === null) return undefined;
  if (typeof source === 'object') {
    const optOut = optOutMatcher(undefined)(String(payload[source.from]));
    if (field === 'isOptOut') return optOut;
    if (field === 'optOutSource') return optOut ? 'keyword' : undefined;
    throw new Error(`no reading for ${field}`);
  }
  const value = payload[source];
  if (field === 'isOptOut') return value;
  if (field === 'optOutSource') return value === true ? 'provider' : undefined;
  if (value === null || value === undefined) return undefined;
  if (field === 'status') return { code: Number(value), name: deliveryStatusName(Number(value)) };
  if (field === 'timestamp') return new Date(String(value));
  if (field === 'optInType') return String(value).toLowerCase();
  return String(value);
}

// Each event and version, as MTA sends it, plus the variants that change what a field holds.
const VARIANTS: Array<[string, MtaEventType, 1 | 2 | 3, Payload]> = MTA_EVENT_TYPES.flatMap((type) =>
  ([1, 2, 3] as const).map((version) => [`${type} V${version}`, type, version, {}] as [string, MtaEventType, 1 | 2 | 3, Payload]),
);
VARIANTS.push(
  ['message-reply V3, STOP', 'message-reply', 3, { message: 'Stop.' }],
  ['message-reply V3, no linked message', 'message-reply', 3, { messageId: undefined }],
  ['message-reply V2, flagged opt-out', 'message-reply', 2, { isOptOutMessage: true }],
  ['message-reply V3, MMS', 'message-reply', 3, { url: 'https://example.com/p.jpg', senderName: 'Acme' }],
  ['delivery-status V3, no tags, numeric id', 'delivery-status', 3, { tags: null, messageId: 48213377 }],
  ['number-opt-in V3, RCS', 'number-opt-in', 3, { type: 'RCS' }],
);

describe('every normalized field reads the payload field MTA_NORMALIZED_SOURCES names', () => {
  it.each(VARIANTS)('%s', (_name, type, version, overrides) => {
    const payload = mtaFixture(type, { version, overrides });
    const { normalized } = parseMtaEvent(payload, { version });
    const table = MTA_NORMALIZED_SOURCES[type];
    for (const [field, by] of Object.entries(table)) {
      expect([field, (normalized as unknown as Payload)[field]]).toEqual([field, expected(field, by[version], payload)]);
    }
    // Nothing normalized that the table does not explain.
    const set = Object.entries(normalized).filter(([, value]) => value !== undefined).map(([field]) => field);
    expect(set.filter((field) => !(field in table))).toEqual([]);
  });
});

describe('the MTA events page shows the same table', () => {
  it('contains MTA_NORMALIZED_SOURCES, rendered', () => {
    const page = readFileSync(join(__dirname, '../../docs/mta.md'), 'utf8');
    expect(page).toContain(renderNormalizedSources());
  });
});
