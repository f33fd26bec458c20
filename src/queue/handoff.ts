import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import type { DeliveryHandoff, HandoffJob } from '../core/handoff.js';
import { withTimeout } from '../core/with-timeout.js';

export const DEFAULT_QUEUE_NAME = 'sms-webhooks';

export interface QueueHandoffOptions {
  /** Redis connection for BullMQ (options, or an ioredis instance). */
  connection: ConnectionOptions;
  /** Queue name, shared with createWebhookWorker. Default 'sms-webhooks'. */
  queueName?: string;
  /** How long a handled job (and so its id: the de-duplication key) is kept. Default 24 h. */
  retentionMs?: number;
  /** Attempts per job before it goes to the failed list. Default 5. */
  attempts?: number;
  /** First retry delay, doubled each time. Default 1000 ms. */
  backoffMs?: number;
  /** Longest wait for Redis to accept a job before the delivery is refused with 503. Default 2000 ms. */
  timeoutMs?: number;
}

export type QueueHandoff = DeliveryHandoff & { readonly queue: Queue; close(): Promise<void> };

/**
 * A durable hand-off: the receiver adds each validated delivery to a BullMQ queue (job id = de-duplication key)
 * and answers 200 once Redis has accepted it; createWebhookWorker runs the handlers. A key already queued within
 * the retention time is not queued again.
 */
export function createQueueHandoff(options: QueueHandoffOptions): QueueHandoff {
  if (!options?.connection) throw new TypeError('Option "connection" is required: the Redis connection for BullMQ.');
  const retentionSeconds = Math.round((options.retentionMs ?? 24 * 3600_000) / 1000);
  const timeoutMs = options.timeoutMs ?? 2000;
  const queue = new Queue(options.queueName ?? DEFAULT_QUEUE_NAME, { connection: options.connection });
  const jobOptions: JobsOptions = {
    attempts: options.attempts ?? 5,
    backoff: { type: 'exponential', delay: options.backoffMs ?? 1000 },
    removeOnComplete: { age: retentionSeconds },
    // Failed jobs stay (for a week) in BullMQ's failed list, for inspection and retry.
    removeOnFail: { age: 7 * 24 * 3600 },
  };

  return {
    queue,
    enqueue(job: HandoffJob) {
      // BullMQ uses ':' to build its Redis keys, so a custom job id must not contain one.
      const jobId = job.key.replace(/:/g, '|');
      // BullMQ waits for Redis indefinitely while it is down; a delivery must get an answer before the
      // provider's timeout, so it is refused (503, the provider retries) after timeoutMs.
      const add = async () => {
        if (await queue.getJob(jobId)) return 'duplicate' as const;
        await queue.add(job.type, job, { ...jobOptions, jobId });
        return 'queued' as const;
      };
      return withTimeout(add(), timeoutMs, `Redis did not accept the job within ${timeoutMs} ms`);
    },
    close: () => queue.close(),
  };
}
