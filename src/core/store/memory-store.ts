import type { ClaimOutcome, DeliveryStore } from './store.js';

export interface MemoryStoreOptions {
  /** Most keys kept; the oldest are forgotten first. Default 100,000. */
  maxEntries?: number;
  /** The clock, for tests. */
  now?: () => number;
}

type State = 'in_progress' | 'done' | 'released';

interface Entry {
  state: State;
  expiresAt: number;
  /** Claim token (in progress), also the entry's place in the age queue. */
  token: number;
  redelivery: boolean;
}

/** How long a released key is remembered, so that the retry is flagged as a redelivery. */
const RELEASED_MS = 24 * 3600_000;

/**
 * De-duplication in this process's memory: right for one instance. Bounded in entries (oldest first out) and in
 * time (every entry expires). Keys are forgotten when the process exits.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): DeliveryStore & { readonly size: number; claim(key: string, claimTtlMs: number): ClaimOutcome } {
  const maxEntries = options.maxEntries ?? 100_000;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new TypeError('Option "maxEntries" must be a positive whole number.');
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  // Keys in the order they were last written, with the token they had then: evicting the oldest is a step of
  // `head`, not a scan (deleting from the front of a Map makes finding its first key slower and slower).
  let order: Array<{ key: string; token: number }> = [];
  let head = 0;
  let sequence = 0;

  function current(key: string): Entry | undefined {
    const entry = entries.get(key);
    if (!entry || entry.expiresAt > now()) return entry;
    entries.delete(key);
    // A claim that lapsed (its instance died mid-delivery) makes the next attempt a redelivery.
    return entry.state === 'in_progress' ? { state: 'released', expiresAt: Infinity, token: 0, redelivery: true } : undefined;
  }

  function put(key: string, state: State, expiresAt: number, redelivery = false): number {
    const token = ++sequence;
    entries.set(key, { state, expiresAt, token, redelivery });
    order.push({ key, token });
    while (entries.size > maxEntries && head < order.length) {
      const oldest = order[head++]!;
      // Skip keys written again since: their newer place is further back in the queue.
      if (entries.get(oldest.key)?.token === oldest.token) entries.delete(oldest.key);
    }
    if (head > 1024 && head * 2 > order.length) {
      order = order.slice(head);
      head = 0;
    }
    return token;
  }

  return {
    get size() {
      return entries.size;
    },
    claim(key, claimTtlMs): ClaimOutcome {
      const entry = current(key);
      if (entry?.state === 'done') return { state: 'done' };
      if (entry?.state === 'in_progress') return { state: 'in_progress' };
      const redelivery = entry?.state === 'released';
      const token = put(key, 'in_progress', now() + claimTtlMs, redelivery);
      return { state: 'claimed', redelivery, token: String(token) };
    },
    complete(key, _token, retentionMs) {
      put(key, 'done', now() + retentionMs);
    },
    release(key, token) {
      const entry = entries.get(key);
      if (entry?.state === 'in_progress' && String(entry.token) === token) put(key, 'released', now() + RELEASED_MS);
    },
  };
}
