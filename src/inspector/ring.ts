import type { DeliveryRecord, KeptDelivery } from './record.js';

/**
 * `delivery`: a new one. `update`: a kept delivery changed (the app's answer to a forward arrived); `change` holds
 * what changed. `late`: the same for one that has left the ring meanwhile: the terminal still prints the app's
 * answer, the page (which no longer lists it) is not told.
 */
export type RingChange = { kind: 'delivery'; record: DeliveryRecord } | { kind: 'update' | 'late'; record: DeliveryRecord; change: Partial<DeliveryRecord> };

/** The last `capacity` deliveries, oldest dropped first, with listeners told of every new or changed one. */
export interface DeliveryRing {
  readonly capacity: number;
  nextId(): number;
  add(kept: KeptDelivery): void;
  get(id: number): KeptDelivery | undefined;
  /** Newest first. */
  list(): DeliveryRecord[];
  update(record: DeliveryRecord, change: Partial<DeliveryRecord>): void;
  subscribe(listener: (change: RingChange) => void): () => void;
}

export function createDeliveryRing(capacity: number): DeliveryRing {
  if (!Number.isInteger(capacity) || capacity < 1) throw new TypeError('Option "keep" must be a whole number of 1 or more.');
  // A Map keeps insertion order, so the oldest entry is the first key.
  const kept = new Map<number, KeptDelivery>();
  const listeners = new Set<(change: RingChange) => void>();
  let lastId = 0;

  function tell(change: RingChange): void {
    for (const listener of listeners) listener(change);
  }

  return {
    capacity,
    nextId: () => ++lastId,
    add(delivery) {
      kept.set(delivery.record.id, delivery);
      if (kept.size > capacity) kept.delete(kept.keys().next().value as number);
      tell({ kind: 'delivery', record: delivery.record });
    },
    get: (id) => kept.get(id),
    list: () => [...kept.values()].map((delivery) => delivery.record).reverse(),
    update(record, change) {
      Object.assign(record, change);
      tell({ kind: kept.get(record.id)?.record === record ? 'update' : 'late', record, change });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
