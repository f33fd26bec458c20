import { randomUUID } from 'node:crypto';
import type { ClaimOutcome, DeliveryStore } from './store.js';

export interface MemoryStoreOptions {
  /** Most keys kept; the oldest are forgotten first. Default 100,000. */
  maxEntries?: number;
  /** The clock, for tests. */
  now?: () => number;
}

type Entry =
  | { state: 'in_progress'; token: string; redelivery: boolean; expiresAt: number }
  | { state: 'done'; expiresAt: number }
  | { state: 'released'; expiresAt: number };

/**
 * De-duplication in this process's memory: right for one instance. Bounded in entries (oldest first out) and in
 * time (every entry expires). Keys are forgotten when the process exits.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): DeliveryStore & { readonly size: number } {
  const maxEntries = options.maxEntries ?? 100_000;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new TypeError('Option "maxEntries" must be a positive whole number.');
  const now = options.now ?? Date.now;
  // A Map keeps insertion order: re-inserting a key moves it to the end, so the first key is the oldest.
  const entries = new Map<string, Entry>();

  function current(key: string): Entry | undefined {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= now()) {
      entries.delete(key);
      return entry.state === 'in_progress' ? { state: 'released', expiresAt: Infinity } : undefined;
    }
    return entry;
  }

  function put(key: string, entry: Entry): void {
    entries.delete(key);
    entries.set(key, entry);
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
  }

  return {
    get size() {
      return entries.size;
    },
    async claim(key, claimTtlMs): Promise<ClaimOutcome> {
      const entry = current(key);
      if (entry?.state === 'done') return { state: 'done' };
      if (entry?.state === 'in_progress') return { state: 'in_progress' };
      const token = randomUUID();
      const redelivery = entry?.state === 'released';
      put(key, { state: 'in_progress', token, redelivery, expiresAt: now() + claimTtlMs });
      return { state: 'claimed', redelivery, token };
    },
    async complete(key, _token, retentionMs) {
      put(key, { state: 'done', expiresAt: now() + retentionMs });
    },
    async release(key, token) {
      const entry = entries.get(key);
      if (entry?.state === 'in_progress' && entry.token === token) {
        // Remembered as released (for the redelivery flag) as long as a claim would have lasted.
        put(key, { state: 'released', expiresAt: now() + 24 * 3600_000 });
      }
    },
  };
}
