import type { HandoffJob } from './handoff.js';
import type { HeaderLookup } from './headers.js';

/** One delivery as the provider sent it: the exact body bytes and a way to read its headers. */
export interface Delivery {
  rawBody: Uint8Array;
  header: HeaderLookup;
}

/** What a receiver, made from its options, knows of its provider: how to check and read a delivery. */
export interface ProviderSpec<E extends { type: string }> {
  name: string;
  /** Throws (or rejects with) a 401 WebhookError when the delivery is not genuine. */
  authenticate(delivery: Delivery): void | Promise<void>;
  /** Classifies and validates parsed JSON; throws a 422 WebhookError. */
  toEvent(json: unknown, delivery: Delivery): E;
  /** The de-duplication key (a promise only where hashing must use WebCrypto). */
  deliveryKey(event: E, delivery: Delivery): string | Promise<string>;
  /** Fields safe to log at info (ids, type, version): no phone numbers, no text. */
  summary(event: E): Record<string, unknown>;
  /** Personal fields (phone numbers), logged at debug only. */
  personal(event: E): Record<string, unknown>;
  /** What a queue worker needs to turn the body into the same event (see HandoffJob.hints). */
  handoffHints(event: E, delivery: Delivery): Record<string, unknown>;
}

/** A receiver's provider parts, made from the user's options once (a TypeError names a bad option). */
export interface ReceiverParts<E extends { type: string }> {
  spec: ProviderSpec<E>;
  limit: number;
  /** Set by the provider's dangerously named option (already announced with a warning). */
  skipVerification: boolean;
  /** Handlers slower than this are logged at warn: the provider may time out and retry. */
  handlerBudgetMs?: number;
}

export interface FixtureOptions {
  /** MTA payload version (1, 2 or 3). */
  version?: number;
  /** Fresh ids, so that de-duplication does not take the event for an earlier one. */
  unique?: boolean;
}

/**
 * A provider, described once. The receiver, the queue worker, the test kit and the CLI all read this, so adding a
 * provider means its own folder and one line in the list of providers.
 */
export interface ProviderDescriptor<E extends { type: string } = { type: string }, O = never> {
  readonly name: string;
  readonly eventTypes: readonly string[];
  /** What the provider counts as success: MTA only 200, httpSMS any status below 400. */
  isSuccess(status: number): boolean;
  receiverParts(options: O): ReceiverParts<E>;
  /** The queue worker's step: a queued body, parsed, back into the event the receiver validated. */
  revive(json: unknown, job: HandoffJob): E;
  /** A realistic event body, valid for its schema. */
  fixture(event: string, options?: FixtureOptions): Record<string, unknown>;
  /** The headers the provider would send with exactly these bytes. */
  sign(body: Uint8Array | string, key: string, options?: { audience?: string }): Promise<Record<string, string>>;
  /** Where the CLI finds the key: its flag and environment variable. */
  readonly key: { flag: string; env: string };
}
