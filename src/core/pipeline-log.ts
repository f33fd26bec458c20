import { isWebhookError } from './errors.js';
import type { Logger } from './logger.js';
import { isClientAbort, isFailure } from './outcome.js';

interface Described<E> {
  name: string;
  summary(event: E): Record<string, unknown>;
  personal(event: E): Record<string, unknown>;
}

/** The one line of a delivery that went through: at info, personal fields at debug only. */
export function logOutcome<E>(log: Logger, spec: Described<E>, event: E, key: string, outcome: string, startedAt: number): void {
  // Levels read once: isLevelEnabled() costs a lookup per call, and most deliveries log at info only.
  const level = log.levelVal;
  const levels = log.levels.values;
  if (level <= (levels.info ?? 30)) {
    log.info({ provider: spec.name, ...spec.summary(event), key, outcome, durationMs: since(startedAt) }, 'webhook delivery handled');
  }
  if (level <= (levels.debug ?? 20)) log.debug({ provider: spec.name, key, ...spec.personal(event) }, 'webhook delivery parties');
}

/** The one line of a refused delivery: warn for 4xx, error for 5xx (with the cause, for the operator). */
export function logRejection(log: Logger, provider: string, error: unknown, summary: Record<string, unknown> | undefined, startedAt: number): void {
  const fields = { provider, ...summary, durationMs: since(startedAt) };
  if (!isWebhookError(error)) {
    // A client that went away mid-body is routine; anything else is a fault of ours, answered 500.
    if (isClientAbort(error)) {
      log.info({ ...fields, outcome: 'aborted' }, 'webhook delivery not completed: the client closed the connection');
    } else {
      log.error({ ...fields, outcome: 'failed', err: error }, 'webhook delivery failed unexpectedly');
    }
    return;
  }
  const line = { ...fields, outcome: isFailure(error) ? 'failed' : 'rejected', status: error.status, code: error.code, ...(error.diagnosis ? { diagnosis: error.diagnosis } : {}) };
  if (error.status >= 500) log.error({ ...line, err: error.cause ?? error }, error.message);
  else log.warn(line, `webhook delivery rejected: ${error.message}`);
}

function since(startedAt: number): number {
  return Math.round((performance.now() - startedAt) * 1000) / 1000;
}
