// sms-webhooks/otel: OpenTelemetry spans for receivers and the queue worker. Needs @opentelemetry/api, and a
// tracer provider registered by the app (without one, spans cost next to nothing and go nowhere).
export { createWebhookTracing, type WebhookTracing, type WebhookTracingOptions } from './create-webhook-tracing.js';
export type { DeliveryObserver, DeliveryReport } from '../core/observe.js';
export type { JobObserver, JobReport, JobResult, JobStart } from '../queue/job-report.js';
