import fc from 'fast-check';
import { MTA_DELIVERY_STATUS } from '../../src/mta/constants';
import type { StatusEvent } from '../../src/status/status-of-event';
import type { StatusTracker } from '../../src/status/tracker';
import { httpsmsStatus, mtaStatus } from './status-events';

// Realistic histories of one message's statuses, in the order they happened, and arrivals of them in any order
// with any duplication: what a provider's retries with backoff produce.

const { QUEUED, SENDING, SENT, DELIVERY_UNCONFIRMED } = MTA_DELIVERY_STATUS;
const FINALS = Object.values(MTA_DELIVERY_STATUS).filter((code) => code > SENT && code !== DELIVERY_UNCONFIRMED);

/** MTA: some of QUEUED, SENDING, SENT, DELIVERY_UNCONFIRMED, a newer code, then at most one final code. */
export function mtaHistory(messageId: () => string): fc.Arbitrary<StatusEvent[]> {
  return fc
    .tuple(fc.subarray([QUEUED, SENDING, SENT, DELIVERY_UNCONFIRMED, 15]), fc.option(fc.constantFrom(...FINALS)), fc.boolean())
    .map(([steps, final, timed]) => {
      const id = messageId();
      const codes = final === null ? steps : [...steps, final];
      return codes.map((code, index) => mtaStatus(code, timed ? index : undefined, id));
    })
    .filter((history) => history.length > 0);
}

/** httpSMS: sent, then rounds of expired (is_final: false) and sent again, then at most one final status; some lost. */
export function httpsmsHistory(messageId: () => string): fc.Arbitrary<StatusEvent[]> {
  return fc
    .tuple(fc.nat(3), fc.option(fc.constantFrom('delivered', 'failed', 'expired') as fc.Arbitrary<'delivered' | 'failed' | 'expired'>))
    .chain(([rounds, final]) => {
      const steps: Array<'sent' | 'expired-retrying' | 'delivered' | 'failed' | 'expired'> = ['sent'];
      for (let round = 0; round < rounds; round += 1) steps.push('expired-retrying', 'sent');
      if (final) steps.push(final);
      return fc.subarray(steps.map((step, at) => [step, at] as const), { minLength: 1 });
    })
    .map((kept) => {
      const id = messageId();
      return kept.map(([step, at]) => httpsmsStatus(step, at, id));
    });
}

/** The history and one arrival of it: every event at least once, some more than once, in any order. */
export function withArrival(history: fc.Arbitrary<StatusEvent[]>): fc.Arbitrary<{ history: StatusEvent[]; arrival: StatusEvent[] }> {
  return history.chain((events) =>
    fc.array(fc.nat(events.length - 1), { maxLength: 6 }).chain((extra) => {
      const all = [...events, ...extra.map((index) => events[index]!)];
      return fc.shuffledSubarray(all, { minLength: all.length }).map((arrival) => ({ history: events, arrival }));
    }),
  );
}

/** What must converge: the stored status without the local time it was recorded at. */
export async function finalState(tracker: StatusTracker, event: StatusEvent) {
  const messageId = event.normalized.messageId;
  const state = await tracker.get(event.provider, messageId);
  // Every history has at least one event, so a status must be stored (a store that keeps nothing is no pass).
  expect(state).toBeDefined();
  return state && { code: state.code, name: state.name, final: state.final, occurredAt: state.occurredAt };
}
