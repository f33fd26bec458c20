import type { HeaderLookup } from './headers.js';
import type { Logger } from './logger.js';
import { isThenable } from './thenable.js';

/**
 * What became of a delivery, in words that fit a metric label. `aborted`: the client went away before its answer
 * (routine, not a failure of ours; the provider retries).
 */
export type DeliveryOutcome = 'handled' | 'no_handler' | 'duplicate' | 'stale' | 'queued' | 'rejected' | 'failed' | 'aborted';

/**
 * What happened to one delivery, told once, when it is answered: the flow writes it, and every listener (the log
 * line, metrics, traces, the inspector) reads it. Fields marked personal are for development tools only.
 */
export interface DeliveryReport {
  provider: string;
  /** The event type, once the body was classified (undefined before). */
  event?: string;
  /** MTA payload version (1, 2, 3 or [1, 2]). */
  version?: unknown;
  outcome: DeliveryOutcome;
  /** The HTTP status of the answer; 499 (as nginx logs it) when the client went away before one could be sent. */
  status: number;
  /** The error code of a refusal or failure. */
  code?: string;
  /** The message of a refusal, as the answer carries it. */
  message?: string;
  /** With `store.unavailable`: which store could not be reached. */
  store?: 'dedupe' | 'status' | 'queue';
  /** The likely cause of a refusal (why a signature failed), whether or not the answer explains it. */
  diagnosis?: string;
  /** The de-duplication key (logged; never a phone number in clear). */
  key?: string;
  /** Ids safe to log at info: no phone numbers, no message text. */
  summary?: Record<string, unknown>;
  /** A retry of a delivery whose earlier attempt failed. */
  redelivery?: boolean;
  /** The delivery status change, where a status tracker recorded one. */
  statusChange?: { outcome: string; applied: boolean };
  durationMs: number;
  /** The cause of a 5xx (a handler's error, a store's), for the operator. Never sent to the provider. */
  error?: unknown;
  /** Personal: the bytes and headers as they came in. */
  request: { header: HeaderLookup; rawBody?: Uint8Array };
  /** Personal: the validated event, when there is one. */
  eventObject?: unknown;
  /** The logger this delivery uses (the option, the request's, or the default). */
  log: Logger;
}

/** A listener of delivery reports. */
export interface DeliveryObserver {
  /** A delivery begins. What this returns (a span, a start time) is handed back to `finished`. */
  started?(provider: string): unknown;
  /**
   * The delivery was answered (or, for receive(), settled). Should not throw: a throw, or the rejection of a
   * promise it returns, is logged at error and changes nothing else.
   */
  finished(report: DeliveryReport, started: unknown): void;
}

/** Checks the `observers` option once. */
export function checkObservers(value: unknown): DeliveryObserver[] {
  if (value === undefined) return [];
  const list: unknown[] = Array.isArray(value) ? value : [value];
  for (const observer of list) {
    if (typeof (observer as DeliveryObserver | null)?.finished !== 'function') {
      throw new TypeError('Option "observers" must be a list of objects with finished(report) (createWebhookMetrics(), ...).');
    }
  }
  return list as DeliveryObserver[];
}

/**
 * Calls an observer (metrics, traces, a user's own) so that it cannot touch the delivery or job it watches: a throw,
 * or the rejection of what an async observer returns, is logged at error with `failed` as the message. Left alone,
 * that rejection would be unhandled, which ends a Node process. Returns what the observer returned, or undefined.
 * (Arguments instead of a closure: this runs twice per observer per delivery.)
 */
export function callObserver<A, B, R>(method: ((a: A, b: B) => R) | undefined, self: object, a: A, b: B, log: Logger, provider: string, failed: string): R | undefined {
  try {
    const result = method?.call(self, a, b);
    if (isThenable(result)) Promise.resolve(result).catch((error: unknown) => log.error({ provider, err: error }, failed));
    return result;
  } catch (error) {
    log.error({ provider, err: error }, failed);
    return undefined;
  }
}
