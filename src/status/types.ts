/** Where a status sits in a message's life: a higher rank replaces a lower one; a final status is never replaced. */
export interface StatusRule {
  rank: number;
  final: boolean;
}

/** A message's delivery status as the tracker keeps it. */
export interface StatusState {
  /** MTA: the status code (4); httpSMS: the status name ('DELIVERED'). */
  code: number | string;
  /** MTA: the code's name ('DELIVERED', 'UNKNOWN'); httpSMS: 'SENT', 'DELIVERED', 'FAILED', 'EXPIRED', 'EXPIRED_RETRYING'. */
  name: string;
  /** Nothing replaces a final status (a different final one is reported as a conflict). */
  final: boolean;
  /** When this tracker recorded it. */
  recordedAt: Date;
  /** When the provider says it happened (MTA V3 `timestamp`, httpSMS CloudEvents `time`), when it says so. */
  occurredAt?: Date;
}

/**
 * What `record()` did:
 * - `applied`: the status moved forward (or is the first one seen);
 * - `duplicate`: the same status again (a provider retry), nothing changed;
 * - `stale`: an older status arrived late (out of order), the stored one stays;
 * - `conflict`: a different status the precedence cannot order after the stored one (typically a second, different
 *   final status), the stored one stays and the tracker logs it at warn.
 */
export type StatusOutcome = 'applied' | 'duplicate' | 'stale' | 'conflict';

export interface StatusChange {
  provider: 'mta' | 'httpsms';
  messageId: string;
  /** The stored status before this event; undefined for the first one. */
  previous: StatusState | undefined;
  /** The stored status after this event (the event's status when applied, else the one that stays). */
  current: StatusState;
  /** True when the event's status is now the stored one. False for duplicates, stale and conflicting updates. */
  applied: boolean;
  /** True when the event conflicts with the stored status (see StatusOutcome). */
  conflict: boolean;
  outcome: StatusOutcome;
}

/** A status as stores keep it: plain strings and numbers, so any store can hold it. */
export interface StoredStatus {
  /** The status' identity: two statuses with the same code are the same status. */
  code: string;
  name: string;
  rank: number;
  final: boolean;
  /** Milliseconds since the epoch. */
  recordedAt: number;
  occurredAt?: number;
}

export interface StatusUpdate {
  outcome: StatusOutcome;
  previous: StoredStatus | undefined;
  current: StoredStatus;
}

/**
 * Where statuses live. `update` compares and writes atomically per key (decideStatus), so concurrent updates of
 * one message from several instances end in the same state. A store in this process may answer synchronously.
 */
export interface StatusStore {
  update(key: string, candidate: StoredStatus): StatusUpdate | Promise<StatusUpdate>;
  get(key: string): StoredStatus | undefined | Promise<StoredStatus | undefined>;
}
