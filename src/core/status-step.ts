import type { StatusChange, StatusTracker } from '../status/index.js';
import { WebhookError } from './errors.js';
import type { Logger } from './logger.js';

export interface StatusStep {
  tracker: StatusTracker;
  /** Stale and conflicting updates are answered 200 without running the handlers. */
  skipStale: boolean;
  /** Refuse (503) when the tracker's store cannot be reached, as the de-duplication policy says. */
  refuseWithoutStore: boolean;
}

/**
 * Records a delivery-status event before its handlers run, forward only. When the tracker's store cannot be
 * reached the delivery is handled without a status change (logged at error), or refused with 503 under the
 * 'refuse' store policy, so the provider retries.
 */
export async function recordStatus(step: StatusStep, event: unknown, log: Logger, describe: () => object): Promise<StatusChange | undefined> {
  if (!step.tracker.tracks(event)) return undefined;
  try {
    return await step.tracker.record(event);
  } catch (error) {
    if (step.refuseWithoutStore) {
      throw new WebhookError('store.unavailable', 'The delivery status store cannot be reached; the provider will retry the delivery.', { cause: error, store: 'status' });
    }
    log.error({ ...describe(), err: error }, 'delivery status store unreachable: handling the delivery without recording its status');
    return undefined;
  }
}

/** True when the handlers should not run for this change (option skipStale). */
export function isSkipped(step: StatusStep | undefined, change: StatusChange | undefined): boolean {
  return step !== undefined && step.skipStale && change !== undefined && (change.outcome === 'stale' || change.outcome === 'conflict');
}

/** Checks the statusTracker / skipStale options once. */
export function checkStatusStep(tracker: unknown, skipStale: unknown, refuseWithoutStore: boolean): StatusStep | undefined {
  if (skipStale !== undefined && typeof skipStale !== 'boolean') throw new TypeError('Option "skipStale" must be true or false.');
  if (tracker === undefined) {
    if (skipStale) throw new TypeError('Option "skipStale" needs the option "statusTracker" (createStatusTracker()).');
    return undefined;
  }
  if (typeof (tracker as StatusTracker | null)?.record !== 'function' || typeof (tracker as StatusTracker).tracks !== 'function') {
    throw new TypeError('Option "statusTracker" must come from createStatusTracker().');
  }
  return { tracker: tracker as StatusTracker, skipStale: skipStale === true, refuseWithoutStore };
}
