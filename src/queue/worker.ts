import { UnrecoverableError, Worker, type ConnectionOptions, type Job, type WorkerOptions } from 'bullmq';
import { DeliveryContext } from '../core/delivery-context.js';
import type { HandoffJob } from '../core/handoff.js';
import { runHandlers } from '../core/handlers.js';
import { callObserver } from '../core/observe.js';
import { ranOutcome } from '../core/outcome.js';
import { type Logger, checkLoggerOption, pickLogger } from '../core/logger.js';
import { DEFAULT_QUEUE_NAME } from './handoff.js';
import type { JobObserver, JobResult } from './job-report.js';
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
  logger?: Logger | false;
  /** Counts each job in sms_webhooks_queue_jobs_total: createWebhookMetrics() from 'sms-webhooks/metrics'. */
  metrics?: JobObserver;
  /** One span per job, continuing the trace of the delivery that queued it: createWebhookTracing(). */
  tracing?: JobObserver;
  /** Passed to BullMQ's Worker (lockDuration, stalledInterval, ...). */
  workerOptions?: Partial<WorkerOptions>;
  /** As on a receiver: each delivery-status event is recorded, forward only, before its handlers run. */
  statusTracker?: StatusTracker;
  /** With `statusTracker`: a stale or conflicting status update completes the job without running the handlers. */
  skipStale?: boolean;
}

const OBSERVER_FAILED = 'a job observer failed; the job itself was not affected';

/**
 * Runs queued deliveries through the typed handlers. A handler that throws (or whose thenable rejects) fails the
 * job, and BullMQ retries it with backoff; after the last attempt it stays in the failed list. A job whose body
 * cannot be revived is failed at once (no retry can help) and logged with its key, never its body. A worker that
 * dies mid-job (even SIGKILL) loses its lock, and another worker picks the job up. close() waits for its jobs.
 */
export function createWebhookWorker(options: WebhookWorkerOptions): Worker<HandoffJob> {
  if (!options?.connection) throw new TypeError('Option "connection" is required: the Redis connection for BullMQ.');
  checkLoggerOption(options.logger);
  const tables = buildWorkerTables(options.handlers);
  const log = pickLogger(options.logger);
  // A status store that cannot be reached fails the job, which BullMQ retries: nothing is handled unrecorded.
  const status = checkStatusStep(options.statusTracker, options.skipStale, true);
  const observers = [jobObserver(options.metrics, 'metrics'), jobObserver(options.tracing, 'tracing')].filter((observer) => observer !== undefined);

  /**
   * Runs the job inside an observer's context (a trace). Once the observer has started the job, that run is the
   * job's result, whatever the observer returns (nothing, when it forgot to return it) and whether it throws or
   * rejects after: the handlers never run twice, nor unwatched. An observer that fails, or that settles without
   * starting the job, is logged, and the job runs without it (once: a late start by the observer gets that run).
   */
  function runInside<T>(observer: JobObserver, token: unknown, next: () => Promise<T>, provider: string): Promise<T> {
    let running: Promise<T> | undefined;
    const start = () => (running ??= next());
    const failed = (failure: unknown): Promise<T> => {
      if (!running) {
        log.error({ provider, err: failure }, OBSERVER_FAILED);
        return start();
      }
      // The run's own rejection passed on is the job's failure, not the observer's.
      return running.then(
        (value) => (log.error({ provider, err: failure }, OBSERVER_FAILED), value),
        (error: unknown) => {
          if (error !== failure) log.error({ provider, err: failure }, OBSERVER_FAILED);
          throw error;
        },
      );
    };
    let result: unknown;
    try {
      result = observer.runInJob!(token, start);
    } catch (failure) {
      return failed(failure);
    }
    return Promise.resolve(result).then(
      () => running ?? failed(new Error('runInJob settled without running the job it was given')),
      failed,
    );
  }

  /** Each job is told to the observers (metrics, traces) with its result, inside their context. */
  async function observed(job: Job<HandoffJob>): Promise<number | 'stale'> {
    if (observers.length === 0) return run(job);
    const { provider, type, key, trace } = job.data;
    const startedAt = performance.now();
    // An observer that throws as the job begins is logged and the job goes on, as on a receiver.
    const tokens = observers.map((observer) => callObserver(observer.jobStarted, observer, { provider, event: type, trace }, undefined, log, provider, OBSERVER_FAILED));
    const report = (result: JobResult, error?: unknown) => {
      const durationMs = performance.now() - startedAt;
      const told = { provider, event: type, key, result, attempt: job.attemptsMade + 1, durationMs, error };
      observers.forEach((observer, index) => callObserver(observer.jobFinished, observer, told, tokens[index], log, provider, OBSERVER_FAILED));
    };
    const inside = observers.reduce<() => Promise<number | 'stale'>>(
      (next, observer, index) => (observer.runInJob ? () => runInside(observer, tokens[index], next, provider) : next),
      () => run(job),
    );
    try {
      const ran = await inside();
      report(ranOutcome(ran));
      return ran;
    } catch (error) {
      const final = error instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      report(final ? 'failed' : 'retrying', error);
      throw error;
    }
  }

  /** The number of handlers that ran, or 'stale' for an update skipped under skipStale (reported as the receiver does). */
  async function run(job: Job<HandoffJob>): Promise<number | 'stale'> {
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
        log.info({ provider, event: event.type, key, status: context.status?.outcome }, 'queued webhook delivery skipped: a stale or conflicting status update');
        return 'stale';
      }
    }
    const ran = await runHandlers(tables.get(provider)!, event, context);
    log.info({ provider, event: event.type, key, attempt: job.attemptsMade + 1, handlers: ran }, 'queued webhook delivery handled');
    return ran;
  }

  const worker = new Worker<HandoffJob>(options.queueName ?? DEFAULT_QUEUE_NAME, observed, {
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

function jobObserver(value: unknown, option: string): JobObserver | undefined {
  if (value === undefined) return undefined;
  if (typeof (value as JobObserver | null)?.jobFinished !== 'function') {
    throw new TypeError(`Option "${option}" must come from ${option === 'metrics' ? 'createWebhookMetrics()' : 'createWebhookTracing()'}.`);
  }
  return value as JobObserver;
}
