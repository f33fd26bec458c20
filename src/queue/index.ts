// sms-webhooks/queue: durable hand-off to BullMQ and the worker that runs the handlers. Needs bullmq (and Redis).
export { createQueueHandoff, DEFAULT_QUEUE_NAME, type PersistenceCheck, type QueueHandoff, type QueueHandoffOptions } from './handoff.js';
export { createWebhookWorker, type WebhookWorkerOptions, type WorkerHandlers } from './worker.js';
export type { FlatWorkerHandlers } from './worker-handlers.js';
export type { JobObserver, JobReport, JobResult, JobStart } from './job-report.js';
export { reviveEvent, type QueuedEvent } from './revive.js';
export type { HandoffJob, DeliveryHandoff } from '../core/handoff.js';
