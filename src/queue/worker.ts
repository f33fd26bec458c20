import { UnrecoverableError, Worker, type ConnectionOptions, type Job, type WorkerOptions } from 'bullmq';
import { DeliveryContext } from '../core/delivery-context.js';
import type { HandoffJob } from '../core/handoff.js';
import { runHandlers } from '../core/handlers.js';
import { type Logger, pickLogger } from '../core/logger.js';
import { DEFAULT_QUEUE_NAME } from './handoff.js';
import { reviveEvent } from './revive.js';
import { checkStatusStep, isSkipped, recordStatus } from '../core/status-step.js';
import type { StatusTracker } from '../status/tracker.js';
import { type FlatWorkerHandlers, type WorkerHandlers, buildWorkerTables } from './worker-handlers.js';

export type { WorkerHandlers } from './worker-handlers.js';

export interface WebhookWorkerOptions {
  connection: ConnectionOptions;
  /** The same typed handlers as the receivers', keyed by provider: `{ mta: { 'delivery-status': … }, httpsms: { … } }`. */
  handlers: WorkerHandlers | FlatWorkerHandlers;
  /** Default 'sms-webhooks', as createQueueHandoff. */
  queueName?: string;
  /** Jobs run at once. Default 4. */
  concurrency?: number;
  logger?: Logger;
  /** Passed to BullMQ's Worker (lockDuration, stalledInterval, ...). */
  workerOptions?: Partial<WorkerOptions>;
  /** As on a receiver: each delivery-status event is recorded, forward only, before its handlers run. */
  statusTracker?: StatusTracker;
  /** With `statusTracker`: a stale or conflicting status update completes the job without running the handlers. */
  skipStale?: boolean;
}

/**
 * Runs queued deliveries through the typed handlers. A handler that throws (or whose thenable rejects) fails the
 * job, and BullMQ retries it with backoff; after the last attempt it stays in the failed list. A job whose body
 * cannot be revived is failed at once (no retry can help) and logged with its key, never its body. A worker that
 * dies mid-job (even SIGKILL) loses its lock, and another worker picks the job up. close() waits for its jobs.
 */
export function createWebhookWorker(options: WebhookWorkerOptions): Worker<HandoffJob> {
  if (!options?.connection) throw new TypeError('Option "connection" is required: the Redis connection for BullMQ.');
  const tables = buildWorkerTables(options.handlers);
  const log = pickLogger(options.logger);
  // A status store that cannot be reached fails the job, which BullMQ retries: nothing is handled unrecorded.
  const status = checkStatusStep(options.statusTracker, options.skipStale, true);

  async function run(job: Job<HandoffJob>): Promise<number> {
    let event;
    try {
      event = reviveEvent(job.data);
    } catch (error) {
      throw new UnrecoverableError(`the queued body cannot be turned back into an event: ${(error as Error).message}`);
    }
    const { provider, key } = job.data;
    const context = new DeliveryContext(log, provider, event.type, key, job.attemptsMade > 0, job.data.receivedAt);
    if (status) {
      context.status = await recordStatus(status, event, log, () => ({ provider, event: event.type, key }));
      if (isSkipped(status, context.status)) {
        log.info({ provider, event: event.type, key, status: context.status?.outcome }, 'queued webhook delivery skipped: a stale status update');
        return 0;
      }
    }
    const ran = await runHandlers(tables.get(provider)!, event, context);
    log.info({ provider, event: event.type, key, attempt: job.attemptsMade + 1, handlers: ran }, 'queued webhook delivery handled');
    return ran;
  }

  const worker = new Worker<HandoffJob>(options.queueName ?? DEFAULT_QUEUE_NAME, run, {
    connection: options.connection,
    concurrency: options.concurrency ?? 4,
    ...options.workerOptions,
  });
  worker.on('failed', (job, error) => {
    const final = job && (error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1));
    log.error(
      { provider: job?.data.provider, event: job?.data.type, key: job?.data.key, attempt: job?.attemptsMade, err: error },
      final ? 'queued webhook delivery failed for the last time: it stays in the failed list' : 'queued webhook delivery failed; it will be retried',
    );
  });
  worker.on('error', (error) => log.error({ err: error }, 'webhook worker error'));
  return worker;
}
