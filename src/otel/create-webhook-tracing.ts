import { type Attributes, type Span, SpanKind, SpanStatusCode, type Tracer, type TracerProvider, context, trace } from '@opentelemetry/api';
import type { DeliveryObserver, DeliveryReport } from '../core/observe.js';
import type { JobObserver, JobReport, JobStart } from '../queue/job-report.js';
import { deliveryAttributes, hashedKey } from './attributes.js';
import { enterDelivery, leaveDelivery } from './current-delivery.js';
import { fromCarrier } from './trace-context.js';

export interface WebhookTracingOptions {
  /** Where spans go. Default: the provider the app registered globally (NodeSDK, ...). */
  tracerProvider?: TracerProvider;
}

/** OpenTelemetry spans for receivers (option `tracing`) and the queue worker (option `tracing`). */
export type WebhookTracing = DeliveryObserver & JobObserver;

/**
 * One span per delivery, `webhook <provider> <event>`, child of the span active when the delivery began (the
 * HTTP server span of the app's instrumentation), and one span per queued job in the worker, continuing the
 * trace of the delivery that queued it.
 */
export function createWebhookTracing(options: WebhookTracingOptions = {}): WebhookTracing {
  if (typeof options !== 'object' || options === null) throw new TypeError('createWebhookTracing options must be an object.');
  if (options.tracerProvider !== undefined && typeof options.tracerProvider?.getTracer !== 'function') {
    throw new TypeError('Option "tracerProvider" must be an OpenTelemetry TracerProvider.');
  }
  // Asked for lazily: a global provider registered after this call is still the one used. Kept while the
  // provider stays the same (OpenTelemetry's global one changes only when it is disabled and registered anew).
  let cached: { provider: TracerProvider; tracer: Tracer } | undefined;
  const tracer = (): Tracer => {
    const provider = options.tracerProvider ?? trace.getTracerProvider();
    if (cached?.provider !== provider) cached = { provider, tracer: provider.getTracer('sms-webhooks') };
    return cached.tracer;
  };

  return {
    started(provider: string) {
      const parent = context.active();
      // With no server span around (no HTTP instrumentation), the delivery span is the entry point of the trace.
      const kind = trace.getSpan(parent) ? SpanKind.INTERNAL : SpanKind.SERVER;
      // The event is known only once the body is read: the name is completed when the delivery ends.
      const span = tracer().startSpan(`webhook ${provider}`, { kind, attributes: { 'sms_webhooks.provider': provider } }, parent);
      enterDelivery(span);
      return span;
    },
    finished(report: DeliveryReport, started: unknown) {
      const span = started as Span | undefined;
      if (!span) return;
      leaveDelivery(span);
      if (report.event !== undefined) span.updateName(`webhook ${report.provider} ${report.event}`);
      const attributes = deliveryAttributes(report);
      // A failure, or a handler that failed behind the 503 close() answered (outcome 'rejected', error kept).
      if (report.outcome === 'failed' || report.error !== undefined) fail(span, report.code ?? 'failed', report.error);
      endWithKey(span, report.key, attributes);
    },
    jobStarted(job: JobStart) {
      const parent = fromCarrier(job.trace) ?? context.active();
      return tracer().startSpan(`webhook job ${job.provider} ${job.event}`, {
        kind: SpanKind.CONSUMER,
        attributes: { 'sms_webhooks.provider': job.provider, 'sms_webhooks.event': job.event, 'messaging.system': 'bullmq' },
      }, parent);
    },
    runInJob<T>(started: unknown, run: () => Promise<T>): Promise<T> {
      const span = started as Span | undefined;
      return span ? context.with(trace.setSpan(context.active(), span), run) : run();
    },
    jobFinished(report: JobReport, started: unknown) {
      const span = started as Span | undefined;
      if (!span) return;
      if (report.result === 'failed' || report.result === 'retrying') fail(span, 'handler.failed', report.error);
      endWithKey(span, report.key, { 'sms_webhooks.job.result': report.result, 'sms_webhooks.job.attempt': report.attempt });
    },
  };
}

/**
 * Marks the span failed. The exception event names the error's type and our code, not its message or stack: a
 * handler's or a store's message may quote a phone number or message text, and traces reach a wider audience than
 * the logs, which keep the full error.
 */
function fail(span: Span, code: string, error: unknown): void {
  span.setStatus({ code: SpanStatusCode.ERROR, message: code });
  if (error instanceof Error) span.recordException({ name: error.name, message: code });
}

/**
 * Sets the attributes and the hashed key in one call (each call costs the SDK a validation pass) and ends the
 * span; where hashing needs WebCrypto, the span ends once the hash is ready, stamped with the time it finished.
 */
function endWithKey(span: Span, key: string | undefined, attributes: Attributes): void {
  const hash = key === undefined ? undefined : hashedKey(key);
  if (typeof hash !== 'object') {
    if (hash !== undefined) attributes['sms_webhooks.delivery_key_hash'] = hash;
    span.setAttributes(attributes);
    return span.end();
  }
  const endTime = performance.timeOrigin + performance.now();
  span.setAttributes(attributes);
  hash.then(
    (value) => (span.setAttribute('sms_webhooks.delivery_key_hash', value), span.end(endTime)),
    () => span.end(endTime),
  );
}
