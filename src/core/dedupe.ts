import { WebhookError } from './errors.js';
import type { Logger } from './logger.js';
import type { CheckedReliability } from './reliability.js';
import type { ClaimOutcome } from './store/store.js';

type Dedupe = NonNullable<CheckedReliability<unknown>['dedupe']>;

/** How a delivery may go on after its claim. */
export type Admission =
  | { run: true; redelivery: boolean; token?: string }
  | { run: false; duplicate: true };

/** Log fields of the delivery, made only when a line is written. */
type Describe = () => object;

/**
 * Claims a delivery's key. A key handled before answers 200 without handlers; one being handled right now is
 * a 409 so the provider tries again later. When the store cannot be reached the policy decides: handle anyway
 * (no event lost, a duplicate possible) or 503. Synchronous when the store is (the in-memory one).
 */
export function admit(dedupe: Dedupe, key: string, log: Logger, describe: Describe): Admission | Promise<Admission> {
  let claimed: ClaimOutcome | Promise<ClaimOutcome>;
  try {
    claimed = dedupe.store.claim(key, dedupe.claimTtlMs);
  } catch (error) {
    return unreachable(dedupe, error, key, log, describe);
  }
  if (claimed instanceof Promise) return claimed.then(decide, (error: unknown) => unreachable(dedupe, error, key, log, describe));
  return decide(claimed);
}

function decide(outcome: ClaimOutcome): Admission {
  if (outcome.state === 'done') return { run: false, duplicate: true };
  if (outcome.state === 'in_progress') {
    throw new WebhookError('delivery.in_progress', 'This delivery is being handled right now; try again once it is done.');
  }
  return { run: true, redelivery: outcome.redelivery, token: outcome.token };
}

function unreachable(dedupe: Dedupe, error: unknown, key: string, log: Logger, describe: Describe): Admission {
  if (dedupe.refuseWithoutStore) {
    throw new WebhookError(
      'store.unavailable',
      'The de-duplication store cannot be reached, and this receiver is set to refuse deliveries then; the provider will retry.',
      { cause: error },
    );
  }
  log.error({ ...describe(), key, err: error }, 'de-duplication store unreachable: handling the delivery without a claim (a duplicate is possible)');
  return { run: true, redelivery: false };
}

/** Records the end of a claimed delivery: done, or released for the provider's retry. Never throws or rejects. */
export function settle(dedupe: Dedupe, key: string, admission: Admission, succeeded: boolean, log: Logger, describe: Describe): void | Promise<void> {
  if (!admission.run || admission.token === undefined) return;
  const failed = (error: unknown) =>
    log.error(
      { ...describe(), key, err: error },
      succeeded
        ? 'could not mark the delivery done in the de-duplication store: a redelivery would run the handlers again'
        : 'could not release the delivery in the de-duplication store: its retry waits for the claim to expire',
    );
  try {
    const stored = succeeded ? dedupe.store.complete(key, admission.token, dedupe.retentionMs) : dedupe.store.release(key, admission.token);
    if (stored instanceof Promise) return stored.catch(failed);
  } catch (error) {
    failed(error);
  }
}
