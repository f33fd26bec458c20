import { Worker, type ConnectionOptions, type Job, type WorkerOptions } from 'bullmq';
import { DeliveryContext } from '../core/delivery-context.js';
import type { HandoffJob } from '../core/handoff.js';
import { buildHandlerTable, runHandlers, type HandlerMap } from '../core/handlers.js';
import { type Logger, pickLogger } from '../core/logger.js';
import { HTTPSMS_EVENT_TYPES } from '../httpsms/constants.js';
import { MTA_EVENT_TYPES } from '../mta/constants.js';
import type { HandlerContext } from '../core/delivery-context.js';
import { DEFAULT_QUEUE_NAME } from './handoff.js';
import { type QueuedEvent, reviveEvent } from './revive.js';

export interface WebhookWorkerOptions {
  connection: ConnectionOptions;
  /** The same typed handlers as a receiver's, for MTA and httpSMS events alike (their names do not overlap). */
  handlers: HandlerMap<QueuedEvent, HandlerContext>;
  /** Default 'sms-webhooks', as createQueueHandoff. */
  queueName?: string;
  /** Jobs run at once. Default 4. */
  concurrency?: number;
  logger?: Logger;
  /** Passed to BullMQ's Worker (lockDuration, stalledInterval, ...). */
  workerOptions?: Partial<WorkerOptions>;
}

/**
 * Runs queued deliveries through the typed handlers. A handler that throws fails the job, and BullMQ retries it
 * with backoff; after the last attempt it stays in the failed list. A worker that dies mid-job (even SIGKILL)
 * loses its lock, and another worker picks the job up. close() waits for the jobs it is running.
 */
export function createWebhookWorker(options: WebhookWorkerOptions): Worker<HandoffJob> {
  if (!options?.connection) throw new TypeError('Option "connection" is required: the Redis connection for BullMQ.');
  const table = buildHandlerTable<HandlerContext>(options.handlers, [...MTA_EVENT_TYPES, ...HTTPSMS_EVENT_TYPES]);
  const log = pickLogger(options.logger);

  async function run(job: Job<HandoffJob>): Promise<number> {
    const event = reviveEvent(job.data);
    const context = new DeliveryContext(log, job.data.provider, event.type, job.data.key, job.attemptsMade > 0, job.data.receivedAt);
    const ran = await runHandlers(table, event, context);
    log.info({ provider: job.data.provider, event: event.type, key: job.data.key, attempt: job.attemptsMade + 1, handlers: ran }, 'queued webhook delivery handled');
    return ran;
  }

  const worker = new Worker<HandoffJob>(options.queueName ?? DEFAULT_QUEUE_NAME, run, {
    connection: options.connection,
    concurrency: options.concurrency ?? 4,
    ...options.workerOptions,
  });
  worker.on('failed', (job, error) => {
    const final = job && job.attemptsMade >= (job.opts.attempts ?? 1);
    log.error(
      { provider: job?.data.provider, event: job?.data.type, key: job?.data.key, attempt: job?.attemptsMade, err: error },
      final ? 'queued webhook delivery failed for the last time: it stays in the failed list' : 'queued webhook delivery failed; it will be retried',
    );
  });
  worker.on('error', (error) => log.error({ err: error }, 'webhook worker error'));
  return worker;
}
