import { Counter, Gauge, Histogram, type Registry, register } from 'prom-client';
import type { DeliveryObserver, DeliveryReport } from '../core/observe.js';
import type { JobObserver, JobReport } from '../queue/job-report.js';
import { eventLabel, providerLabel, storeLabel } from './labels.js';

export interface WebhookMetricsOptions {
  /** Where the metrics are registered. Default: prom-client's global registry. */
  registry?: Registry;
  /** Histogram buckets in seconds. The default resolves the whole range up to a provider's 5 s timeout. */
  buckets?: readonly number[];
}

/** Prometheus metrics for receivers (option `metrics`) and the queue worker (option `metrics`). */
export type WebhookMetrics = DeliveryObserver & JobObserver & { readonly registry: Registry };

// Fine steps under 100 ms (a healthy handler), then up to and past the 5 s at which httpSMS gives up.
export const DEFAULT_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 4, 5, 7.5, 10];

/**
 * sms_webhooks_deliveries_total, sms_webhooks_delivery_duration_seconds, sms_webhooks_in_flight,
 * sms_webhooks_store_errors_total and sms_webhooks_queue_jobs_total, fed by each delivery's report. Made twice
 * with one registry (a reloaded module, two receivers built apart), the metrics already there are reused.
 */
export function createWebhookMetrics(options: WebhookMetricsOptions = {}): WebhookMetrics {
  if (typeof options !== 'object' || options === null) throw new TypeError('createWebhookMetrics options must be an object.');
  const registry = options.registry ?? register;
  if (typeof registry?.getSingleMetric !== 'function') throw new TypeError('Option "registry" must be a prom-client Registry.');
  const buckets = options.buckets ?? DEFAULT_BUCKETS;
  if (!Array.isArray(buckets) || buckets.some((bucket) => typeof bucket !== 'number' || !(bucket > 0))) {
    throw new TypeError('Option "buckets" must be a list of positive numbers (seconds).');
  }
  const made = <M>(name: string, make: () => M): M => (registry.getSingleMetric(name) as M | undefined) ?? make();
  const registers = [registry];

  const deliveries = made('sms_webhooks_deliveries_total', () => new Counter({
    name: 'sms_webhooks_deliveries_total', help: 'Webhook deliveries answered, by provider, event, outcome and HTTP status.',
    labelNames: ['provider', 'event', 'outcome', 'status'] as const, registers,
  }));
  const duration = made('sms_webhooks_delivery_duration_seconds', () => new Histogram({
    name: 'sms_webhooks_delivery_duration_seconds', help: 'Time from the first byte of a delivery to its answer.',
    labelNames: ['provider', 'event', 'outcome'] as const, buckets: [...buckets], registers,
  }));
  const inFlight = made('sms_webhooks_in_flight', () => new Gauge({
    name: 'sms_webhooks_in_flight', help: 'Deliveries being handled right now.', labelNames: ['provider'] as const, registers,
  }));
  const storeErrors = made('sms_webhooks_store_errors_total', () => new Counter({
    name: 'sms_webhooks_store_errors_total', help: 'Deliveries refused because a store (dedupe, status, queue) could not be reached.',
    labelNames: ['provider', 'store'] as const, registers,
  }));
  const jobs = made('sms_webhooks_queue_jobs_total', () => new Counter({
    name: 'sms_webhooks_queue_jobs_total', help: 'Queued deliveries run by the worker, by provider, event and result.',
    labelNames: ['provider', 'event', 'result'] as const, registers,
  }));

  // prom-client hashes a label object on every call; the few label sets a receiver sees are looked up once.
  const children = new Map<string, { count: { inc(): void }; time: { observe(seconds: number): void } }>();
  const gauges = new Map<string, { inc(): void; dec(): void }>();
  const gauge = (provider: string) => {
    let child = gauges.get(provider);
    if (!child) gauges.set(provider, (child = inFlight.labels(provider)));
    return child;
  };

  return {
    registry,
    started(provider: string) {
      gauge(providerLabel(provider)).inc();
      return undefined;
    },
    finished(report: DeliveryReport) {
      const provider = providerLabel(report.provider);
      const event = eventLabel(report.event);
      gauge(provider).dec();
      const id = `${provider}\u0000${event}\u0000${report.outcome}\u0000${report.status}`;
      let child = children.get(id);
      if (!child) {
        child = {
          count: deliveries.labels(provider, event, report.outcome, String(report.status)),
          time: duration.labels(provider, event, report.outcome),
        };
        children.set(id, child);
      }
      child.count.inc();
      child.time.observe(report.durationMs / 1000);
      const store = storeLabel(report);
      if (store) storeErrors.inc({ provider, store });
    },
    jobFinished(report: JobReport) {
      jobs.inc({ provider: providerLabel(report.provider), event: eventLabel(report.event), result: report.result });
    },
  };
}
