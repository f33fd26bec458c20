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
  /** The delivery's trace context (W3C `traceparent`, `tracestate`), so the worker continues its trace. */
  trace?: Record<string, string>;
}

/** Where a receiver puts deliveries when handlers run elsewhere (see `sms-webhooks/queue`). */
export interface DeliveryHandoff {
  /** Resolves once the job is durably stored ('duplicate': a job with this key exists already). */
  enqueue(job: HandoffJob): Promise<'queued' | 'duplicate'>;
  close?(): Promise<void>;
}

type TraceCarrier = () => Record<string, string> | undefined;

// Kept on globalThis: the core may be loaded twice (ESM and CommonJS copies of the package in one process), and
// the tracing entry must reach the copy whose flow builds the job.
const CARRIER = Symbol.for('sms-webhooks.trace-carrier');
type WithCarrier = { [CARRIER]?: TraceCarrier };

/** Set by createWebhookTracing(): tells the flow the trace context of the delivery running now. */
export function useTraceCarrier(carrier: TraceCarrier): void {
  (globalThis as WithCarrier)[CARRIER] = carrier;
}

/** The trace context to put in a job; undefined when no tracing is set up (the job then carries none). */
export function traceCarrier(): Record<string, string> | undefined {
  return (globalThis as WithCarrier)[CARRIER]?.();
}
