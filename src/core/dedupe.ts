import { WebhookError } from './errors.js';
import { isThenable } from './thenable.js';
import type { Logger } from './logger.js';
import type { CheckedDedupe } from './reliability.js';
import type { ClaimOutcome } from './store/store.js';

type Dedupe = CheckedDedupe;

/** How a delivery may go on after its claim. */
export type Admission =
  /** `token`: the claim in the store (none when it was unreachable); `localToken`: the claim in this process. */
  | { run: true; redelivery: boolean; token?: string; localToken?: string }
  | { run: false; duplicate: true };

/** Log fields of the delivery, made only when a line is written. */
type Describe = () => object;

/**
 * Claims a delivery's key. A key handled before answers 200 without handlers; one being handled right now is
 * a 409 so the provider tries again later. When the store cannot be reached the policy decides: handle anyway
 * (no event lost, a duplicate possible) or 503. Synchronous when the store is (the in-memory one).
 *
 * Beside a shared store, this process keeps its own record of what it is handling and has handled (`local`):
 * asked first, and the only one while the shared store is unreachable, so that copies reaching this instance
 * during an outage run once, and a success whose write to the store is still on its way is not run again.
 */
export function admit(dedupe: Dedupe, key: string, log: Logger, describe: Describe): Admission | Promise<Admission> {
  const here = dedupe.local?.peek(key);
  if (here) return decide({ state: here });
  let claimed: ClaimOutcome | Promise<ClaimOutcome>;
  try {
    claimed = dedupe.store.claim(key, dedupe.claimTtlMs);
  } catch (error) {
    return unreachable(dedupe, error, key, log, describe);
  }
  // A custom store may answer with any thenable, not only a native promise: it is awaited all the same.
  if (isThenable(claimed)) {
    return Promise.resolve(claimed).then(
      (outcome) => claimHere(dedupe, key, decide(outcome), log, describe),
      (error: unknown) => unreachable(dedupe, error, key, log, describe),
    );
  }
  return claimHere(dedupe, key, decide(claimed), log, describe);
}

function decide(outcome: ClaimOutcome): Admission {
  if (outcome.state === 'done') return { run: false, duplicate: true };
  if (outcome.state === 'in_progress') {
    throw new WebhookError('delivery.in_progress', 'This delivery is being handled right now; try again once it is done.');
  }
  return { run: true, redelivery: outcome.redelivery, token: outcome.token };
}

/**
 * Adds this process's claim to the store's; a copy that claimed here meanwhile (store unreachable) wins, and the
 * store's claim is given back in the background (logged if that fails: the retry may meet a 409 until it lapses).
 */
function claimHere(dedupe: Dedupe, key: string, admission: Admission, log: Logger, describe: Describe): Admission {
  if (!admission.run || !dedupe.local) return admission;
  const here = dedupe.local.claim(key, dedupe.claimTtlMs);
  if (here.state === 'claimed') return { ...admission, redelivery: admission.redelivery || here.redelivery, localToken: here.token };
  // The store's claim only (this process's record is the one that stands): settle never throws or rejects.
  if (admission.token !== undefined) void settle(dedupe, key, { run: true, redelivery: false, token: admission.token }, false, log, describe);
  return decide(here);
}

// The store gives back a claim that lands after we stopped waiting for it, so neither policy leaves one behind.
function unreachable(dedupe: Dedupe, error: unknown, key: string, log: Logger, describe: Describe): Admission {
  if (dedupe.refuseWithoutStore) {
    throw new WebhookError(
      'store.unavailable',
      'The de-duplication store cannot be reached, and this receiver is set to refuse deliveries then; the provider will retry.',
      { cause: error, store: 'dedupe' },
    );
  }
  const where = dedupe.local ? 'with a claim in this process only (a copy sent to another instance may run too)' : 'without a claim (a duplicate is possible)';
  log.error({ ...describe(), key, err: error }, `de-duplication store unreachable: handling the delivery ${where}`);
  return claimHere(dedupe, key, { run: true, redelivery: false }, log, describe);
}

/** Records the end of a claimed delivery: done, or released for the provider's retry. Never throws or rejects. */
export function settle(dedupe: Dedupe, key: string, admission: Admission, succeeded: boolean, log: Logger, describe: Describe): void | Promise<void> {
  if (!admission.run) return;
  if (admission.localToken !== undefined) {
    if (succeeded) dedupe.local?.complete(key, admission.localToken, dedupe.retentionMs);
    else dedupe.local?.release(key, admission.localToken);
  }
  const failed = (error: unknown) =>
    log.error(
      { ...describe(), key, err: error },
      succeeded
        ? 'could not mark the delivery done in the de-duplication store: a redelivery would run the handlers again'
        : 'could not release the delivery in the de-duplication store yet: its retry may be answered 409 until it is',
    );
  if (admission.token === undefined) {
    // Handled without a claim: still marked done, so that a redelivery to any instance does not run it again;
    // in the background, since the answer should not wait for a store that just failed. A failure has nothing
    // to give back (the store releases by itself a claim that landed late).
    if (succeeded) void Promise.resolve().then(() => dedupe.store.complete(key, '', dedupe.retentionMs)).catch(failed);
    return;
  }
  try {
    const stored = succeeded ? dedupe.store.complete(key, admission.token, dedupe.retentionMs) : dedupe.store.release(key, admission.token);
    if (isThenable(stored)) return Promise.resolve(stored).then(undefined, failed);
  } catch (error) {
    failed(error);
  }
}
