/** A verified, validated delivery handed to a durable queue instead of being handled in the request. */
export interface HandoffJob {
  provider: string;
  /** The de-duplication key: also the job id, so a redelivered event is not queued twice. */
  key: string;
  type: string;
  /** The exact body text, re-validated by the worker into the same typed event. */
  body: string;
  /** What the worker needs to classify the body as the receiver did (a pinned MTA version, ...). */
  hints: Record<string, unknown>;
  receivedAt: number;
}

/** Where a receiver puts deliveries when handlers run elsewhere (see `sms-webhooks/queue`). */
export interface DeliveryHandoff {
  /** Resolves once the job is durably stored ('duplicate': a job with this key exists already). */
  enqueue(job: HandoffJob): Promise<'queued' | 'duplicate'>;
  close?(): Promise<void>;
}
