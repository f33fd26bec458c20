import type { ClaimOutcome, DeliveryStore } from './store.js';

export interface MemoryStoreOptions {
  /** Most keys kept; when full, the oldest are forgotten first, even before their time. Default 100,000. */
  maxEntries?: number;
  /**
   * Told of each key forgotten for room while its time had not run out: a redelivery of it would run the
   * handlers again. The receiver logs the first one at warn.
   */
  onEarlyEviction?: (eviction: { key: string; remainingMs: number }) => void;
  /** The clock, for tests. */
  now?: () => number;
}

/** The in-memory store: synchronous, and it can say what it holds for a key without claiming it. */
export interface MemoryStore extends DeliveryStore {
  readonly size: number;
  claim(key: string, claimTtlMs: number): ClaimOutcome;
  complete(key: string, token: string, retentionMs: number): void;
  release(key: string, token: string): void;
  /** The key's state now, without claiming it. */
  peek(key: string): 'in_progress' | 'done' | undefined;
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
export function createMemoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  const maxEntries = options.maxEntries ?? 100_000;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new TypeError('Option "maxEntries" must be a positive whole number.');
  if (options.onEarlyEviction !== undefined && typeof options.onEarlyEviction !== 'function') {
    throw new TypeError('Option "onEarlyEviction" must be a function ({ key, remainingMs }) => void.');
  }
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  // Keys in the order they were last written, with the token they had then: evicting the oldest is a step of
  // `head`, not a scan (deleting from the front of a Map makes finding its first key slower and slower). Completing
  // a claim keeps its place: the oldest claim is evicted first, done or not.
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

  /** The claim under `token` is still the one in progress (not lapsed, released or taken over since). */
  function holds(entry: Entry | undefined, token: string): entry is Entry {
    return entry?.state === 'in_progress' && String(entry.token) === token;
  }

  function evict(key: string, entry: Entry): void {
    entries.delete(key);
    const remainingMs = entry.expiresAt - now();
    if (remainingMs > 0) options.onEarlyEviction?.({ key, remainingMs });
  }

  function put(key: string, state: State, expiresAt: number, redelivery = false): number {
    const token = ++sequence;
    entries.set(key, { state, expiresAt, token, redelivery });
    order.push({ key, token });
    while (entries.size > maxEntries && head < order.length) {
      const oldest = order[head++]!;
      const entry = entries.get(oldest.key);
      // Skip keys written again since: their newer place is further back in the queue.
      if (entry?.token === oldest.token) evict(oldest.key, entry);
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
    peek(key) {
      const entry = entries.get(key);
      if (!entry || entry.expiresAt <= now() || entry.state === 'released') return undefined;
      return entry.state;
    },
    complete(key, token, retentionMs) {
      const entry = entries.get(key);
      if (holds(entry, token)) {
        // The common case, done in place: no new entry and no second place in the age queue for every delivery.
        entry.state = 'done';
        entry.expiresAt = now() + retentionMs;
        entry.redelivery = false;
      } else {
        put(key, 'done', now() + retentionMs);
      }
    },
    release(key, token) {
      const entry = entries.get(key);
      if (holds(entry, token)) put(key, 'released', now() + RELEASED_MS);
    },
  };
}
