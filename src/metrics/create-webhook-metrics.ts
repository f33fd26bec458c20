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
const DELIVERY_LABELS = ['provider', 'event', 'outcome', 'status'] as const;
const IN_FLIGHT_LABELS = ['provider'] as const;

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

  const deliveries = made('sms_webhooks_deliveries_total', () => tallied(new Counter({
    name: 'sms_webhooks_deliveries_total', help: 'Webhook deliveries answered, by provider, event, outcome and HTTP status.',
    labelNames: DELIVERY_LABELS, registers, collect: flushTally,
  }), DELIVERY_LABELS));
  const duration = made('sms_webhooks_delivery_duration_seconds', () => new Histogram({
    name: 'sms_webhooks_delivery_duration_seconds', help: 'Time from the first byte of a delivery to its answer.',
    labelNames: ['provider', 'event', 'outcome'] as const, buckets: [...buckets], registers,
  }));
  const inFlight = made('sms_webhooks_in_flight', () => tallied(new Gauge({
    name: 'sms_webhooks_in_flight', help: 'Deliveries being handled right now.', labelNames: IN_FLIGHT_LABELS, registers, collect: flushTally,
  }), IN_FLIGHT_LABELS));
  const storeErrors = made('sms_webhooks_store_errors_total', () => new Counter({
    name: 'sms_webhooks_store_errors_total', help: 'Deliveries refused because a store (dedupe, status, queue) could not be reached.',
    labelNames: ['provider', 'store'] as const, registers,
  }));
  const jobs = made('sms_webhooks_queue_jobs_total', () => new Counter({
    name: 'sms_webhooks_queue_jobs_total', help: 'Queued deliveries run by the worker, by provider, event and result.',
    labelNames: ['provider', 'event', 'result'] as const, registers,
  }));

  // The histogram is observed per delivery; the other two are tallied (see tallyOf), or, for a metric another
  // copy of this package registered, counted through prom-client as it comes.
  const delivered = tallyOf(deliveries) ?? directTally(DELIVERY_LABELS, (labels, count) => deliveries.inc(labels, count));
  const running = tallyOf(inFlight) ?? directTally(IN_FLIGHT_LABELS, (labels, change) => inFlight.inc(labels, change));
  const timings = new Map<string, { observe(seconds: number): void }>();
  const timing = (provider: string, event: string, outcome: string) => {
    const id = `${provider}\u0000${event}\u0000${outcome}`;
    let child = timings.get(id);
    if (!child) timings.set(id, (child = duration.labels(provider, event, outcome)));
    return child;
  };

  return {
    registry,
    started(provider: string) {
      const label = providerLabel(provider);
      running.add(label, 1);
      return undefined;
    },
    finished(report: DeliveryReport) {
      const provider = providerLabel(report.provider);
      const event = eventLabel(report.event);
      running.add(provider, -1);
      delivered.add(`${provider}\u0000${event}\u0000${report.outcome}\u0000${report.status}`, 1);
      timing(provider, event, report.outcome).observe(report.durationMs / 1000);
      const store = storeLabel(report);
      if (store) storeErrors.inc({ provider, store });
    },
    jobFinished(report: JobReport) {
      jobs.inc({ provider: providerLabel(report.provider), event: eventLabel(report.event), result: report.result });
    },
  };
}

type Labels = Record<string, string>;

/**
 * Changes counted by this package between scrapes. prom-client hashes a label object and builds a few objects on every
 * inc() — together 0.3–0.4 µs per delivery for the counter and the gauge's two moves — so a delivery adds to a
 * plain number here, and the metric's collect() (which prom-client runs before every scrape and every get())
 * hands the sums over: a scrape shows the same values as counting each delivery would.
 */
interface Tally {
  /** `id` is the label values in the metric's label order, joined by NUL (label values never hold one). */
  add(id: string, change: number): void;
}

interface CollectingTally extends Tally {
  flush(metric: Counter | Gauge): void;
}

// By metric: a second createWebhookMetrics() on the same registry reuses the metric, and so must add to its tally.
const tallies = new WeakMap<object, CollectingTally>();

function tallyOf(metric: object): Tally | undefined {
  return tallies.get(metric);
}

function tallied<M extends Counter | Gauge>(metric: M, labelNames: readonly string[]): M {
  const sums = new Map<string, { labels: Labels; sum: number }>();
  tallies.set(metric, {
    add(id, change) {
      const entry = sums.get(id);
      if (entry) entry.sum += change;
      else sums.set(id, { labels: labelsOf(id, labelNames), sum: change });
    },
    flush(target) {
      // Given as a change since the last collection, never set: another copy of this package (its CommonJS build,
      // say) counts into the same series through prom-client, and a set() would wipe its part.
      for (const entry of sums.values()) {
        target.inc(entry.labels, entry.sum);
        entry.sum = 0;
      }
    },
  });
  return metric;
}

/** The collect() of a tallied metric; `this` is the metric (prom-client calls it so). */
function flushTally(this: Counter | Gauge): void {
  tallies.get(this)?.flush(this);
}

function directTally(labelNames: readonly string[], add: (labels: Labels, change: number) => void): Tally {
  return { add: (id, change) => add(labelsOf(id, labelNames), change) };
}

function labelsOf(id: string, labelNames: readonly string[]): Labels {
  const values = id.split('\u0000');
  return Object.fromEntries(labelNames.map((name, index) => [name, values[index] ?? '']));
}
