/**
 * What became of one queued job in the worker, in words that fit a metric label. 'stale': a stale or conflicting
 * status update completed without its handlers (skipStale), as a receiver reports it.
 */
export type JobResult = 'handled' | 'no_handler' | 'stale' | 'retrying' | 'failed';

/** The worker's report of one job: the flow's DeliveryReport does not run there, so the worker writes its own. */
export interface JobReport {
  provider: string;
  /** The event type the receiver found. */
  event: string;
  result: JobResult;
  /** 1 for the first run. */
  attempt: number;
  /** The de-duplication key (the job id). */
  key: string;
  durationMs: number;
  /** Why the job failed, for the operator. */
  error?: unknown;
}

/** What a job observer learns when a job begins; `trace` is the W3C trace context the receiver put in the job. */
export interface JobStart {
  provider: string;
  event: string;
  trace?: Readonly<Record<string, string>>;
}

/** A listener of the worker's job reports (createWebhookMetrics(), createWebhookTracing()). */
export interface JobObserver {
  /** A job begins; what this returns is handed back to jobFinished and runInJob. */
  jobStarted?(job: JobStart): unknown;
  /** Runs the job's handlers inside the observer's context (a trace span made active). */
  runInJob?<T>(started: unknown, run: () => Promise<T>): Promise<T>;
  /** The job ended. Must not throw; errors are logged and ignored. */
  jobFinished(report: JobReport, started: unknown): void;
}
