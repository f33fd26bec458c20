import type { HandoffJob } from '../core/handoff.js';
import { parseJsonBody } from '../core/json-body.js';
import type { HttpsmsEvent } from '../httpsms/events.js';
import type { MtaEvent } from '../mta/events.js';
import { findProvider } from '../providers.js';

export type QueuedEvent = MtaEvent | HttpsmsEvent;

const encoder = new TextEncoder();

/**
 * Turns a queued body back into the typed event the receiver validated: the receiver's own body parsing (a BOM,
 * big ids), then the provider's parser pinned to the event type (and MTA version) the receiver found, so dates
 * are Dates again and the normalized view is rebuilt. Throws when the job cannot be revived; the error never
 * quotes the body.
 */
export function reviveEvent(job: HandoffJob): QueuedEvent {
  const provider = findProvider(job.provider);
  if (!provider) throw new Error(`A queued delivery from an unknown provider "${String(job.provider).slice(0, 40)}".`);
  return provider.revive(parseJsonBody(encoder.encode(job.body)), job) as QueuedEvent;
}
