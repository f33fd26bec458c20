import { WebhookError } from './errors.js';
import type { Logger } from './logger.js';
import type { CheckedDedupe } from './reliability.js';
import type { ClaimOutcome } from './store/store.js';

type Dedupe = CheckedDedupe;

/** How a delivery may go on after its claim. */
export type Admission =
  /** `token`: a claim in the store; `fallbackToken`: a claim in this process only, the store being unreachable. */
  | { run: true; redelivery: boolean; token?: string; fallbackToken?: string }
  | { run: false; duplicate: true };

/** Log fields of the delivery, made only when a line is written. */
type Describe = () => object;

/**
 * Claims a delivery's key. A key handled before answers 200 without handlers; one being handled right now is
 * a 409 so the provider tries again later. When the store cannot be reached the policy decides: handle anyway
 * (no event lost, a duplicate possible) or 503. Synchronous when the store is (the in-memory one).
 */
export function admit(dedupe: Dedupe, key: string, log: Logger, describe: Describe): Admission | Promise<Admission> {
  // What this process handled while the shared store was unreachable may be missing from it (a write still on
  // its way, or lost with a Redis that restarted empty): this process's word comes first.
  const local = dedupe.fallback?.peek(key);
  if (local) return decide({ state: local });
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

// The store gives back a claim that lands after we stopped waiting for it, so neither policy leaves one behind.
function unreachable(dedupe: Dedupe, error: unknown, key: string, log: Logger, describe: Describe): Admission {
  if (dedupe.refuseWithoutStore) {
    throw new WebhookError(
      'store.unavailable',
      'The de-duplication store cannot be reached, and this receiver is set to refuse deliveries then; the provider will retry.',
      { cause: error },
    );
  }
  const where = dedupe.fallback ? 'with a claim in this process only (a copy sent to another instance may run too)' : 'without a claim (a duplicate is possible)';
  log.error({ ...describe(), key, err: error }, `de-duplication store unreachable: handling the delivery ${where}`);
  if (!dedupe.fallback) return { run: true, redelivery: false };
  const admission = decide(dedupe.fallback.claim(key, dedupe.claimTtlMs));
  return admission.run ? { run: true, redelivery: admission.redelivery, fallbackToken: admission.token } : admission;
}

/** Records the end of a claimed delivery: done, or released for the provider's retry. Never throws or rejects. */
export function settle(dedupe: Dedupe, key: string, admission: Admission, succeeded: boolean, log: Logger, describe: Describe): void | Promise<void> {
  if (!admission.run) return;
  if (admission.fallbackToken !== undefined) {
    if (succeeded) dedupe.fallback?.complete(key, admission.fallbackToken, dedupe.retentionMs);
    else dedupe.fallback?.release(key, admission.fallbackToken);
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
    if (stored instanceof Promise) return stored.catch(failed);
  } catch (error) {
    failed(error);
  }
}
