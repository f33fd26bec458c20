import { decideStatus } from './decide.js';
import type { StatusStore, StatusUpdate, StoredStatus } from './types.js';

export interface MemoryStatusStoreOptions {
  /** Most messages kept; the least recently updated are forgotten first. Default 100,000. */
  maxEntries?: number;
}

/**
 * Statuses in this process's memory: right for one instance and for tests. Updates are synchronous, hence
 * atomic. Bounded in entries; a forgotten message starts again from its next status.
 */
export function createMemoryStatusStore(options: MemoryStatusStoreOptions = {}): StatusStore & { readonly size: number } {
  const maxEntries = options.maxEntries ?? 100_000;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new TypeError('Option "maxEntries" must be a positive whole number.');
  // A Map keeps insertion order: deleting and setting again moves a message to the back, so the front is the oldest.
  const entries = new Map<string, StoredStatus>();

  return {
    get size() {
      return entries.size;
    },
    update(key, candidate): StatusUpdate {
      const previous = entries.get(key);
      const outcome = decideStatus(previous, candidate);
      if (outcome !== 'applied') return { outcome, previous, current: previous! };
      const current = { ...candidate };
      entries.delete(key);
      entries.set(key, current);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      return { outcome, previous, current };
    },
    get(key) {
      return entries.get(key);
    },
  };
}
