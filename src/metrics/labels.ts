import type { DeliveryReport } from '../core/observe.js';

// Label values come from fixed lists (providers, event names, outcomes, HTTP statuses); anything else is folded
// into 'other', so a provider inventing event names cannot make the series count grow without bound.
const SAFE_LABEL = /^[a-z0-9][a-z0-9._-]{0,39}$/;

/** An event label: 'unknown' before classification, 'other' for a value that does not look like an event name. */
export function eventLabel(event: string | undefined): string {
  if (event === undefined) return 'unknown';
  return SAFE_LABEL.test(event) ? event : 'other';
}

export function providerLabel(provider: string): string {
  return SAFE_LABEL.test(provider) ? provider : 'other';
}

/** Which store a `store.unavailable` refusal came from: the de-duplication store, the status store or the queue. */
export function storeLabel(report: DeliveryReport): 'dedupe' | 'status' | 'queue' | undefined {
  if (report.code !== 'store.unavailable') return undefined;
  return report.store ?? 'dedupe';
}
