import type { DeliveryHandoff } from './handoff.js';
import { type Logger, pickLogger } from './logger.js';
import { numberOption } from './number-option.js';
import { type MemoryStore, createMemoryStore } from './store/memory-store.js';
import type { DeliveryStore } from './store/store.js';

/** Options every receiver shares: de-duplication, durable hand-off, shutdown. */
export interface ReliabilityOptions<E> {
  /**
   * De-duplication of deliveries by key. Default: on, with an in-memory store of this receiver. Pass a Redis
   * store to share it between instances, or false to switch it off.
   */
  dedupe?: false | DedupeOptions;
  /** Your own de-duplication key for an event (default: the provider's delivery id or business key). */
  deliveryKey?: (event: E, rawBody: Uint8Array) => string;
  /** Hand deliveries to a durable queue (createQueueHandoff from sms-webhooks/queue) instead of running handlers. */
  handoff?: DeliveryHandoff;
  /** How long close() waits for handlers in flight. Default 10 s. */
  closeTimeoutMs?: number;
}

export interface DedupeOptions {
  /** Default: an in-memory store for this receiver. */
  store?: DeliveryStore;
  /** How long a handled key is remembered. Default 24 h. */
  retentionMs?: number;
  /**
   * Most keys the receiver's in-memory store keeps (the default store; beside a shared store, this process's
   * own record of recent deliveries). When the default store is full, the oldest go first even before
   * `retentionMs`, logged once at warn. Default 100,000.
   */
  maxEntries?: number;
  /** Longest a claim lasts if its instance dies mid-delivery. Default 60 s. */
  claimTtlMs?: number;
  /** When the store cannot be reached: 'process' (default: handle anyway, log an error) or 'refuse' (503). */
  onStoreError?: 'process' | 'refuse';
}

export interface CheckedDedupe {
  store: DeliveryStore;
  retentionMs: number;
  claimTtlMs: number;
  refuseWithoutStore: boolean;
  /**
   * Beside a shared store: this process's own record of the deliveries it is handling and has handled, asked
   * first, and the only one while the shared store is unreachable (see admit()).
   */
  local?: MemoryStore;
}

export interface CheckedReliability<E> {
  dedupe?: CheckedDedupe;
  deliveryKey?: (event: E, rawBody: Uint8Array) => string;
  handoff?: DeliveryHandoff;
  closeTimeoutMs: number;
}

/** Checks the shared options once, when the receiver is made, with a TypeError naming the bad one. */
export function checkReliabilityOptions<E>(options: ReliabilityOptions<E> & { logger?: Logger | false }): CheckedReliability<E> {
  if (options.deliveryKey !== undefined && typeof options.deliveryKey !== 'function') {
    throw new TypeError('Option "deliveryKey" must be a function (event, rawBody) => string.');
  }
  if (options.handoff !== undefined && typeof options.handoff?.enqueue !== 'function') {
    throw new TypeError('Option "handoff" must come from createQueueHandoff() (an object with enqueue()).');
  }
  return {
    dedupe: options.dedupe === false ? undefined : checkDedupe(options.dedupe ?? {}, options.logger),
    deliveryKey: options.deliveryKey,
    handoff: options.handoff,
    closeTimeoutMs: numberOption(options.closeTimeoutMs, 'closeTimeoutMs', 10_000),
  };
}

function checkDedupe(dedupe: DedupeOptions, logger: Logger | false | undefined): CheckedDedupe {
  if (typeof dedupe !== 'object' || dedupe === null) throw new TypeError('Option "dedupe" must be an object or false.');
  if (dedupe.store !== undefined && typeof dedupe.store?.claim !== 'function') {
    throw new TypeError('Option "dedupe.store" must be a store (createMemoryStore() or createRedisStore()).');
  }
  if (dedupe.onStoreError !== undefined && !['process', 'refuse'].includes(dedupe.onStoreError)) {
    throw new TypeError('Option "dedupe.onStoreError" must be "process" or "refuse".');
  }
  const maxEntries = dedupe.maxEntries ?? 100_000;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new TypeError('Option "dedupe.maxEntries" must be a positive whole number.');
  const retentionMs = numberOption(dedupe.retentionMs, 'dedupe.retentionMs', 24 * 3600_000);
  return {
    store: dedupe.store ?? createMemoryStore({ maxEntries, onEarlyEviction: warnOnce(logger, maxEntries, retentionMs) }),
    retentionMs,
    claimTtlMs: numberOption(dedupe.claimTtlMs, 'dedupe.claimTtlMs', 60_000),
    refuseWithoutStore: dedupe.onStoreError === 'refuse',
    // Forgetting a key here for room is harmless while the shared store remembers it: no warning.
    local: dedupe.store ? createMemoryStore({ maxEntries }) : undefined,
  };
}

/** One warn line for the first key forgotten early: the rest are the same news, and would flood the log. */
function warnOnce(logger: Logger | false | undefined, maxEntries: number, retentionMs: number) {
  let told = false;
  return ({ key, remainingMs }: { key: string; remainingMs: number }) => {
    if (told) return;
    told = true;
    pickLogger(logger).warn(
      { key, maxEntries, retentionMs, remainingMs: Math.round(remainingMs) },
      `de-duplication memory store is full (dedupe.maxEntries = ${maxEntries}): keys are now forgotten before ` +
        'dedupe.retentionMs, so a replay of an early delivery runs its handlers again. Raise dedupe.maxEntries ' +
        'or share a Redis store (logged once)',
    );
  };
}
