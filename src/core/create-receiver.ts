import type { HandlerContext } from './delivery-context.js';
import { createDeliveryFlow } from './flow.js';
import { buildHandlerTable } from './handlers.js';
import { lookupIn } from './headers.js';
import { type Logger, checkLoggerOption } from './logger.js';
import { numberOption } from './number-option.js';
import type { ProviderDescriptor } from './provider.js';
import type { ReceiveInput, WebhookReceiver } from './receiver.js';
import { type ReliabilityOptions, checkReliabilityOptions } from './reliability.js';
import { type DeliveryObserver, checkObservers } from './observe.js';
import { checkStatusStep } from './status-step.js';
import type { StatusTracker } from '../status/tracker.js';

/** The options every receiver takes, whatever its provider. */
export interface SharedReceiverOptions<E> extends ReliabilityOptions<E> {
  handlers?: unknown;
  logger?: Logger | false;
  /**
   * The whole body must have arrived this long after the request started, else 408 body.timeout. A deadline, not
   * a gap between bytes: a client trickling a byte a second never leaves a gap. Default 10 000 ms.
   */
  bodyTimeoutMs?: number;
  /**
   * Records each delivery-status event's status before the handlers run, forward only (createStatusTracker());
   * handlers get the change as `context.status`.
   */
  statusTracker?: StatusTracker;
  /** With `statusTracker`: a stale or conflicting status update is answered 200 without running the handlers. */
  skipStale?: boolean;
  /** Listeners of each delivery's report: metrics, traces, development tools. */
  observers?: DeliveryObserver | readonly DeliveryObserver[];
  /**
   * A 401 answer names the likely cause (a re-serialized body, a secret with a trailing newline, an expired token
   * and by how much). Default: true unless NODE_ENV is 'production'. The cause is logged at warn either way.
   */
  explainRejections?: boolean;
  /** Prometheus metrics of each delivery: createWebhookMetrics() from 'sms-webhooks/metrics'. */
  metrics?: DeliveryObserver;
  /** One OpenTelemetry span per delivery: createWebhookTracing() from 'sms-webhooks/otel'. */
  tracing?: DeliveryObserver;
}

const encoder = new TextEncoder();

/** Assembles a provider's receiver: its options and handlers checked once, the delivery flow built. */
export function createReceiver<E extends { type: string }, O extends SharedReceiverOptions<E>>(
  provider: ProviderDescriptor<E, O>,
  options: O,
): WebhookReceiver<E> {
  checkLoggerOption(options.logger);
  const parts = provider.receiverParts(options);
  const handlers = buildHandlerTable<HandlerContext>(options.handlers, provider.eventTypes);
  const spec = parts.skipVerification ? { ...parts.spec, authenticate: () => {} } : parts.spec;
  const reliability = checkReliabilityOptions(options);
  const flow = createDeliveryFlow({
    spec,
    handlers,
    limit: parts.limit,
    bodyTimeoutMs: numberOption(options.bodyTimeoutMs, 'bodyTimeoutMs', 10_000),
    logger: options.logger,
    handlerBudgetMs: parts.handlerBudgetMs,
    reliability,
    status: checkStatusStep(options.statusTracker, options.skipStale, reliability.dedupe?.refuseWithoutStore ?? false),
    observers: [...checkObservers(options.observers), ...namedObserver(options.metrics, 'metrics', 'createWebhookMetrics()'), ...namedObserver(options.tracing, 'tracing', 'createWebhookTracing()')],
  });
  return {
    receive(input: ReceiveInput, receiveOptions?: { logger?: Logger }) {
      const rawBody = toBytes(input?.rawBody);
      return flow.run({ header: lookupIn(input.headers ?? {}), readBody: () => rawBody, requestLogger: receiveOptions?.logger });
    },
    deliver: flow.deliver,
    close: flow.close,
    observe: flow.observe,
    limit: flow.limit,
    provider: flow.provider,
  };
}

function namedObserver(value: unknown, option: string, factory: string): DeliveryObserver[] {
  if (value === undefined) return [];
  if (typeof (value as DeliveryObserver | null)?.finished !== 'function') throw new TypeError(`Option "${option}" must come from ${factory}.`);
  return [value as DeliveryObserver];
}

function toBytes(body: unknown): Uint8Array {
  if (body instanceof Uint8Array) return body;
  if (typeof body === 'string') return encoder.encode(body);
  throw new TypeError('receive() needs rawBody as a Buffer, Uint8Array or string: the exact bytes that were signed.');
}
