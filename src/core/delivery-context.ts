import type { StatusChange } from '../status/types.js';
import type { Logger } from './logger.js';

/** What a handler gets beside the event. */
export interface HandlerContext {
  /** A child of the receiver's logger, bound to this delivery. */
  log: Logger;
  /** The delivery's de-duplication key (see docs/reliability.md). */
  key: string;
  /** True when an earlier attempt at this key failed: this is the provider's (or the queue's) retry. */
  redelivery: boolean;
  receivedAt: Date;
  /**
   * With the `statusTracker` option, for delivery-status events: what recording this event's status did
   * (`applied`, or a `duplicate`, `stale` or `conflict` update that left the stored status as it was).
   */
  status?: StatusChange;
}

/** The handler's context. Its child logger is made on first use: most handlers never log. */
export class DeliveryContext implements HandlerContext {
  #parent: Logger;
  #log: Logger | undefined;
  #receivedAt: number;
  status?: StatusChange;

  constructor(
    parent: Logger,
    readonly provider: string,
    readonly event: string,
    readonly key: string,
    readonly redelivery: boolean,
    receivedAt: number,
  ) {
    this.#parent = parent;
    this.#receivedAt = receivedAt;
  }

  get log(): Logger {
    this.#log ??= this.#parent.child({ provider: this.provider, event: this.event, key: this.key });
    return this.#log;
  }

  get receivedAt(): Date {
    return new Date(this.#receivedAt);
  }
}
