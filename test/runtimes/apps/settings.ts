// Settings and recording handlers shared by every fixture app. Written out here rather than imported from
// test/helpers, because these apps also run in Bun, Deno, workerd and Next.js, where the helpers' Node-only
// imports (express, node:crypto) cannot load. The values must equal test/helpers' SECRET, SIGNING_KEY and
// AUDIENCE: the Node side signs with those, so a mismatch fails every case at once.
import { HTTPSMS_EVENT_TYPES } from '../../../src/httpsms/constants';
import { MTA_EVENT_TYPES } from '../../../src/mta/constants';

export const SECRET = 'test-secret-5f0c8e1d9a7b4c3e2f1a0b9c8d7e6f5a';
export const SIGNING_KEY = 'httpsms-signing-key-3c1f9e7a';
export const AUDIENCE = 'https://hooks.example.com/webhooks/httpsms';
/** Small, so the oversize case stays small too. */
export const LIMIT = '4kb';

/** What a handler got, as the app reports it at GET /handled (no message text or numbers: only the kind). */
export interface HandledRecord {
  provider: string;
  type: string;
  version?: unknown;
}

// The event lists come from the sources: those two files import nothing, so every runtime can load them.
const MTA_EVENTS = MTA_EVENT_TYPES;
const HTTPSMS_EVENTS = HTTPSMS_EVENT_TYPES;

type Recordable = { provider: string; type: string; version?: unknown };

/** One handler per event type of each provider, each pushing what it received onto `handled`. */
export function createRecorder() {
  const handled: HandledRecord[] = [];
  const record = (event: Recordable) => {
    handled.push({ provider: event.provider, type: event.type, version: event.version });
  };
  return {
    handled,
    mtaHandlers: Object.fromEntries(MTA_EVENTS.map((type) => [type, record])),
    httpsmsHandlers: Object.fromEntries(HTTPSMS_EVENTS.map((type) => [type, record])),
  };
}

/** The options every fixture app gives the two receivers. */
export function receiverOptions(recorder: ReturnType<typeof createRecorder>) {
  return {
    mta: { secret: SECRET, limit: LIMIT, handlers: recorder.mtaHandlers },
    httpsms: { signingKey: SIGNING_KEY, audience: AUDIENCE, limit: LIMIT, handlers: recorder.httpsmsHandlers },
  };
}
