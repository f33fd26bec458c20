import type { HandoffJob } from '../core/handoff.js';
import type { HttpsmsEvent } from '../httpsms/events.js';
import { parseHttpsmsEvent } from '../httpsms/parse.js';
import type { MtaEvent } from '../mta/events.js';
import type { MtaEventType, MtaVersion } from '../mta/constants.js';
import type { OptOutKeywords } from '../mta/opt-out.js';
import { parseMtaEvent } from '../mta/parse.js';

export type QueuedEvent = MtaEvent | HttpsmsEvent;

/**
 * Turns a queued body back into the typed event the receiver validated: the same parser, pinned to the event
 * type (and MTA version) the receiver found, so dates are Dates again and the normalized view is rebuilt.
 */
export function reviveEvent(job: HandoffJob): QueuedEvent {
  const json: unknown = JSON.parse(job.body);
  if (job.provider === 'mta') {
    return parseMtaEvent(json, {
      event: job.type as MtaEventType,
      version: job.hints.version as MtaVersion | undefined,
      optOutKeywords: job.hints.optOutKeywords as OptOutKeywords | undefined,
    });
  }
  if (job.provider === 'httpsms') return parseHttpsmsEvent(json, job.type);
  throw new Error(`A queued delivery from an unknown provider "${job.provider}".`);
}
