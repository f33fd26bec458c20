import type { StatusOutcome, StoredStatus } from './types.js';

/**
 * The one rule every status store applies (the Redis store in Lua, line for line), with the precedence already
 * turned into `rank` and `final`:
 * 1. nothing stored yet: applied;
 * 2. the same code: a duplicate, except that a non-final status seen again later refreshes its time (httpSMS
 *    sends `sent` again after rescheduling an expired message);
 * 3. a final status stays: an older one is stale, anything else is a conflict;
 * 4. a higher rank applies, a lower one is stale;
 * 5. equal rank, different code: when both are non-final and carry the provider's time, the later one applies
 *    (httpSMS `sent` and a non-final `expired` take turns); otherwise the stored one stays, as a conflict.
 * Every step depends on the two statuses only, never on arrival order, which is what makes any order of a
 * message's events end in the same state.
 */
export function decideStatus(current: StoredStatus | undefined, next: StoredStatus): StatusOutcome {
  if (!current) return 'applied';
  const timed = next.occurredAt !== undefined && current.occurredAt !== undefined;
  if (current.code === next.code) {
    return !current.final && timed && next.occurredAt! > current.occurredAt! ? 'applied' : 'duplicate';
  }
  if (current.final) return next.rank < current.rank ? 'stale' : 'conflict';
  if (next.rank > current.rank) return 'applied';
  if (next.rank < current.rank) return 'stale';
  if (!next.final && timed) return next.occurredAt! > current.occurredAt! ? 'applied' : 'stale';
  return 'conflict';
}
