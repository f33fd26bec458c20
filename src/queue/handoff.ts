import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import type { DeliveryHandoff, HandoffJob } from '../core/handoff.js';
import { type Logger, checkLoggerOption, pickLogger } from '../core/logger.js';
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
  /** pino logger: told once at start whether Redis persists what it accepts (warn when it does not). */
  logger?: Logger | false;
}

/** What the start-up check found: `appendonly` with its fsync setting, 'off', or 'unknown' (CONFIG refused). */
export type PersistenceCheck = { appendonly: true; appendfsync: string } | { appendonly: false } | 'unknown';

export type QueueHandoff = DeliveryHandoff & {
  readonly queue: Queue;
  /** The result of the one check of Redis persistence made at start (it never rejects). */
  readonly persistence: Promise<PersistenceCheck>;
  close(): Promise<void>;
};

/**
 * A durable hand-off: the receiver adds each validated delivery to a BullMQ queue (job id = de-duplication key)
 * and answers 200 once Redis has accepted it; createWebhookWorker runs the handlers. A key already queued within
 * the retention time is not queued again.
 */
export function createQueueHandoff(options: QueueHandoffOptions): QueueHandoff {
  if (!options?.connection) throw new TypeError('Option "connection" is required: the Redis connection for BullMQ.');
  checkLoggerOption(options.logger);
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
    persistence: checkPersistence(queue, pickLogger(options.logger)),
    enqueue(job: HandoffJob) {
      const jobId = toJobId(job.key);
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

/**
 * A 200 promises the provider that the job is kept, but a Redis without an append-only file forgets every job
 * accepted since its last snapshot when it dies. Checked once; managed Redis often refuses CONFIG, and then
 * we can only say so.
 */
async function checkPersistence(queue: Queue, log: Logger): Promise<PersistenceCheck> {
  const ask = async () => {
    const client = (await queue.getBackend().client) as unknown as { call(...args: string[]): Promise<unknown> };
    return toRecord(await client.call('CONFIG', 'GET', 'append*'));
  };
  try {
    const config = await withTimeout(ask(), 10_000, 'Redis did not answer CONFIG GET within 10 s');
    if (config.appendonly === 'yes') {
      const found = { appendonly: true as const, appendfsync: config.appendfsync ?? 'unknown' };
      log.info(found, 'queue hand-off: Redis persists accepted jobs (append-only file)');
      return found;
    }
    log.warn(
      { appendonly: config.appendonly ?? 'unknown' },
      'queue hand-off: Redis has no append-only file, so a Redis crash or restart loses jobs already answered 200 ' +
        '(set appendonly yes, and appendfsync always to lose none)',
    );
    return { appendonly: false };
  } catch (error) {
    log.info({ err: error }, 'queue hand-off: could not check whether Redis persists accepted jobs (CONFIG GET refused, as on many managed Redis services, or no answer)');
    return 'unknown';
  }
}

/** CONFIG GET answers a flat [name, value, ...] list (RESP2) or a map (RESP3). */
function toRecord(reply: unknown): Record<string, string> {
  if (!Array.isArray(reply)) return { ...(reply as Record<string, string>) };
  const record: Record<string, string> = {};
  for (let index = 0; index + 1 < reply.length; index += 2) record[String(reply[index])] = String(reply[index + 1]);
  return record;
}

/**
 * BullMQ builds its Redis keys with ':', so a job id must not contain one. ':' becomes '|' (the ids jobs have always
 * had), and '%' and '|' are escaped first, so that two distinct keys never share a job id.
 */
export function toJobId(key: string): string {
  return key.replace(/%/g, '%25').replace(/\|/g, '%7C').replace(/:/g, '|');
}
