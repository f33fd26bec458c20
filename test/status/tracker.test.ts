import fc from 'fast-check';
import { createStatusTracker } from '../../src/status/tracker';
import type { StatusEvent } from '../../src/status/status-of-event';
import { parseMtaEvent } from '../../src/mta/parse';
import { mtaFixture } from '../../src/testing/mta-fixtures';
import { MTA_MESSAGE, httpsmsStatus, mtaStatus } from '../helpers/status-events';
import { finalState, httpsmsHistory, mtaHistory, withArrival } from '../helpers/status-histories';

let next = 0;
const freshId = () => `m-${++next}`;
const freshUuid = () => globalThis.crypto.randomUUID();

describe('createStatusTracker: any order, any duplication, the in-order state (memory store)', () => {
  const record = async (events: StatusEvent[]) => {
    const tracker = createStatusTracker({ logger: false });
    for (const event of events) await tracker.record(event);
    return finalState(tracker, events[0]!);
  };

  it.each([
    ['MTA', mtaHistory(freshId)],
    ['httpSMS', httpsmsHistory(freshUuid)],
  ])('%s', async (_provider, history) => {
    await fc.assert(
      fc.asyncProperty(withArrival(history), async ({ history, arrival }) => {
        expect(await record(arrival)).toEqual(await record(history));
      }),
      { numRuns: 300 },
    );
  });
});

describe('createStatusTracker: record() and get()', () => {
  it('resolves with the change, and get() returns the stored status', async () => {
    const tracker = createStatusTracker({ now: () => Date.UTC(2026, 10, 23, 15) });
    const first = await tracker.record(mtaStatus(3, 1));
    expect(first).toEqual({
      provider: 'mta',
      messageId: MTA_MESSAGE,
      previous: undefined,
      current: { code: 3, name: 'SENT', final: false, recordedAt: new Date(Date.UTC(2026, 10, 23, 15)), occurredAt: new Date(Date.UTC(2026, 10, 23, 14, 1)) },
      applied: true,
      conflict: false,
      outcome: 'applied',
    });
    const second = await tracker.record(mtaStatus(4, 2));
    expect(second).toMatchObject({ applied: true, previous: { code: 3, name: 'SENT' }, current: { code: 4, name: 'DELIVERED', final: true } });
    const stale = await tracker.record(mtaStatus(3, 1));
    expect(stale).toMatchObject({ applied: false, conflict: false, outcome: 'stale', previous: { code: 4 }, current: { code: 4 } });
    expect(await tracker.get('mta', MTA_MESSAGE)).toMatchObject({ code: 4, name: 'DELIVERED', final: true });
    expect(await tracker.get('mta', 'never-seen')).toBeUndefined();
    expect(await tracker.get('httpsms', MTA_MESSAGE)).toBeUndefined();
  });

  it('keeps providers apart, and ids distinct even when they differ only in odd characters', async () => {
    const tracker = createStatusTracker();
    await tracker.record(mtaStatus(4, 1, 'a:b'));
    await tracker.record(mtaStatus(6, 1, 'a\ud800'));
    await tracker.record(mtaStatus(9, 1, 'a\udc00'));
    expect((await tracker.get('mta', 'a:b'))?.name).toBe('DELIVERED');
    expect((await tracker.get('mta', 'a\ud800'))?.name).toBe('DELIVERY_FAILED');
    expect((await tracker.get('mta', 'a\udc00'))?.name).toBe('UNDELIVERED');
  });

  it('hands out copies: changing a returned state changes nothing stored', async () => {
    const tracker = createStatusTracker();
    const change = await tracker.record(httpsmsStatus('delivered', 1));
    change.current.name = 'FAILED';
    change.current.recordedAt.setTime(0);
    expect(await tracker.get('httpsms', change.messageId)).toMatchObject({ name: 'DELIVERED', final: true });
  });

  it('refuses events that carry no delivery status with a TypeError; tracks() tells them apart', async () => {
    const tracker = createStatusTracker();
    const reply = parseMtaEvent(mtaFixture('message-reply'));
    expect(tracker.tracks(reply)).toBe(false);
    expect(tracker.tracks(mtaStatus(4))).toBe(true);
    await expect(tracker.record(reply as never)).rejects.toThrow(TypeError);
    await expect(tracker.record(reply as never)).rejects.toThrow(/not mta "message-reply"; check tracker\.tracks\(event\) first/);
  });

  it('logs a conflict at warn, with ids and status names only', async () => {
    const lines: Array<[object, string]> = [];
    const tracker = createStatusTracker({ logger: { warn: (details, message) => lines.push([details, message]) } });
    await tracker.record(mtaStatus(4, 1));
    await tracker.record(mtaStatus(4, 1)); // a duplicate is no conflict
    await tracker.record(mtaStatus(3, 0)); // nor is a stale update
    expect(lines).toHaveLength(0);
    const change = await tracker.record(mtaStatus(9, 2));
    expect(change).toMatchObject({ applied: false, conflict: true, current: { name: 'DELIVERED' } });
    expect(lines).toEqual([
      [
        { provider: 'mta', messageId: MTA_MESSAGE, stored: { code: '4', name: 'DELIVERED' }, incoming: { code: '9', name: 'UNDELIVERED' } },
        'conflicting delivery status for one message: DELIVERED stays, UNDELIVERED is not applied',
      ],
    ]);
    expect(JSON.stringify(lines)).not.toMatch(/5555550123|order-8842|c-1093/);
  });

  it.each([
    [{ store: {} }, /Option "store" must be a status store/],
    [{ logger: 'warn' }, /Option "logger" must be a pino logger or false/],
  ])('refuses bad options with a TypeError naming them (%j)', (options, message) => {
    expect(() => createStatusTracker(options as never)).toThrow(message);
  });
});
