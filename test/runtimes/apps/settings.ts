// Settings and recording handlers shared by every fixture app. Written out here rather than imported from
// test/helpers, because these apps also run in Bun, Deno, workerd and Next.js, where the helpers' Node-only
// imports (express, node:crypto) cannot load. The values must equal test/helpers' SECRET, SIGNING_KEY and
// AUDIENCE: the Node side signs with those, so a mismatch fails every case at once.
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

const MTA_EVENTS = ['delivery-status', 'message-reply', 'message-send', 'number-opt-in'] as const;
const HTTPSMS_EVENTS = [
  'message.phone.received',
  'message.phone.sent',
  'message.phone.delivered',
  'message.send.failed',
  'message.send.expired',
  'message.call.missed',
  'phone.heartbeat.offline',
  'phone.heartbeat.online',
] as const;

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
