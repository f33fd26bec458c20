import { type WebhookError, isWebhookError } from './errors.js';

/** A client that went away before its body or answer: routine, not a fault. */
export function isClientAbort(error: unknown): boolean {
  return !isWebhookError(error) && (error as { code?: string } | null)?.code === 'ECONNRESET';
}

/**
 * A refusal that is a failure of ours (a handler, a store, our own code), as opposed to a delivery refused for what
 * it is or when it came (401, 413, 422, 409, a receiver closing). The log line, the report and the metrics all say
 * 'failed' for the one and 'rejected' for the other.
 */
export function isFailure(error: WebhookError): boolean {
  return error.status >= 500 && error.code !== 'receiver.closing';
}

/** What running a delivery's handlers came to: how many ran, or 'stale' for an update skipped under skipStale. */
export function ranOutcome(ran: number | 'stale'): 'handled' | 'no_handler' | 'stale' {
  return ran === 'stale' ? 'stale' : ran > 0 ? 'handled' : 'no_handler';
}
