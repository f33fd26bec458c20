import { pickLogger } from '../core/logger.js';
import { createMemoryStatusStore } from './memory-status-store.js';
import { checkPrecedence, type StatusPrecedence, type StatusPrecedenceOptions } from './precedence.js';
import { isStatusEvent, statusOfEvent, type StatusEvent } from './status-of-event.js';
import { statusKey } from './status-key.js';
import type { StatusChange, StatusState, StatusStore, StoredStatus } from './types.js';

/** The one logger call the tracker makes (pino's `warn(object, message)`). */
export interface StatusTrackerLogger {
  warn(details: object, message: string): void;
}

export interface StatusTrackerOptions {
  /** Where statuses live. Default: this process's memory (createMemoryStatusStore). */
  store?: StatusStore;
  /** Entries that replace the default precedence (MTA_STATUS_PRECEDENCE, HTTPSMS_STATUS_PRECEDENCE). */
  precedence?: StatusPrecedenceOptions;
  /** Where conflicts are logged at warn (pino fits); default: warnings to stderr, as receivers do; `false` for none. */
  logger?: StatusTrackerLogger | false;
  /** The clock for `recordedAt`, for tests. */
  now?: () => number;
}

export interface StatusTracker {
  /**
   * Records the status an event reports, forward only, and resolves with what changed. Takes an MTA
   * `delivery-status` event or an httpSMS `message.phone.sent`, `message.phone.delivered`, `message.send.failed`
   * or `message.send.expired` event; anything else is a TypeError (check with `tracks(event)` first when events
   * of every type pass by).
   */
  record(event: StatusEvent): Promise<StatusChange>;
  /** The stored status of a message, or undefined when none is known. */
  get(provider: 'mta' | 'httpsms', messageId: string): Promise<StatusState | undefined>;
  /** True when `record` takes this event. */
  tracks(event: unknown): event is StatusEvent;
  readonly precedence: StatusPrecedence;
}

export function createStatusTracker(options: StatusTrackerOptions = {}): StatusTracker {
  if (typeof options !== 'object' || options === null) throw new TypeError('createStatusTracker takes an options object.');
  const store = options.store ?? createMemoryStatusStore();
  if (typeof store?.update !== 'function' || typeof store.get !== 'function') {
    throw new TypeError('Option "store" must be a status store (createMemoryStatusStore or createRedisStatusStore).');
  }
  const precedence = checkPrecedence(options.precedence);
  // The package's default: warnings and errors to stderr, as every receiver prints them.
  const logger = options.logger === undefined ? pickLogger(undefined) : options.logger;
  if (logger !== false && typeof logger?.warn !== 'function') throw new TypeError('Option "logger" must be a pino logger or false.');
  const now = options.now ?? Date.now;

  return {
    precedence,
    tracks: isStatusEvent,
    async record(event) {
      if (!isStatusEvent(event)) {
        const { provider, type } = (event ?? {}) as { provider?: unknown; type?: unknown };
        throw new TypeError(
          `record() takes an MTA delivery-status event or an httpSMS sent/delivered/failed/expired event, not ` +
            `${String(provider)} "${String(type)}"; check tracker.tracks(event) first.`,
        );
      }
      const { provider, messageId, status } = statusOfEvent(event, precedence, now());
      const { outcome, previous, current } = await store.update(statusKey(provider, messageId), status);
      if (outcome === 'conflict' && logger) {
        // Ids and status names only: no phone numbers, no message text.
        logger.warn(
          { provider, messageId, stored: { code: current.code, name: current.name }, incoming: { code: status.code, name: status.name } },
          `conflicting delivery status for one message: ${current.name} stays, ${status.name} is not applied`,
        );
      }
      return {
        provider,
        messageId,
        previous: previous && toState(provider, previous),
        current: toState(provider, current),
        applied: outcome === 'applied',
        conflict: outcome === 'conflict',
        outcome,
      };
    },
    async get(provider, messageId) {
      const stored = await store.get(statusKey(provider, messageId));
      return stored && toState(provider, stored);
    },
  };
}

/** A fresh public copy: what a caller does with it never reaches the store. */
function toState(provider: 'mta' | 'httpsms', stored: StoredStatus): StatusState {
  const state: StatusState = {
    code: provider === 'mta' ? Number(stored.code) : stored.code,
    name: stored.name,
    final: stored.final,
    recordedAt: new Date(stored.recordedAt),
  };
  if (stored.occurredAt !== undefined) state.occurredAt = new Date(stored.occurredAt);
  return state;
}
