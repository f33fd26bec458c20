// sms-webhooks/metrics: Prometheus metrics for receivers and the queue worker. Needs prom-client.
export { createWebhookMetrics, DEFAULT_BUCKETS, type WebhookMetrics, type WebhookMetricsOptions } from './create-webhook-metrics.js';
export type { DeliveryObserver, DeliveryReport, DeliveryOutcome } from '../core/observe.js';
export type { JobObserver, JobReport, JobResult, JobStart } from '../queue/job-report.js';
