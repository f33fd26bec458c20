/** What a claim found. */
export type ClaimOutcome =
  /** The delivery is ours to handle now; `redelivery` when an earlier attempt failed and released it. */
  | { state: 'claimed'; redelivery: boolean; token: string }
  /** Another attempt is handling it right now (answer 409, the provider retries later). */
  | { state: 'in_progress' }
  /** Already handled within the retention time (answer 200, run nothing). */
  | { state: 'done' };

/**
 * Where de-duplication keys live. Every method is atomic per key. A store shared by several instances (Redis)
 * makes the guarantee hold across them. A store in this process may answer synchronously (no promise), which
 * spares every delivery a few turns of the event loop.
 */
export interface DeliveryStore {
  /** Atomically claims `key` as in progress for at most `claimTtlMs` (so a crashed instance cannot hold it). */
  claim(key: string, claimTtlMs: number): ClaimOutcome | Promise<ClaimOutcome>;
  /** Marks `key` handled, remembered for `retentionMs` (`token` is empty when it was handled without a claim). */
  complete(key: string, token: string, retentionMs: number): void | Promise<void>;
  /** Gives `key` back after a failure, so the provider's retry runs it (as a redelivery). */
  release(key: string, token: string): void | Promise<void>;
}
