import { ROOT_CONTEXT, type Span, context, createContextKey } from '@opentelemetry/api';
import { useTraceCarrier } from '../core/handoff.js';
import { toCarrier } from './trace-context.js';

interface SpanStore {
  getStore(): Span | undefined;
  enterWith(span: Span): void;
}

interface WithBuiltins {
  process?: { getBuiltinModule?: (id: string) => { AsyncLocalStorage?: new () => SpanStore } | undefined };
}

/**
 * The delivery span of the code running now, so that a job handed to the queue carries it to the worker. The
 * flow tells observers when a delivery starts but runs no callback inside their context, so the span is entered
 * into an AsyncLocalStorage of our own: it follows the delivery's awaits down to the hand-off. Only when the app
 * registered a context manager (NodeSDK does): async context tracking costs every promise something on Node 20,
 * a price an app that propagates no context has not chosen to pay. Without one, or without AsyncLocalStorage
 * (Node < 20.16, Workers without nodejs_compat), jobs carry no trace context.
 */
const store: SpanStore | undefined = (() => {
  try {
    const Storage = (globalThis as WithBuiltins).process?.getBuiltinModule?.('node:async_hooks')?.AsyncLocalStorage;
    return Storage ? new Storage() : undefined;
  } catch {
    return undefined;
  }
})();

// A span leaves the store only when its context ends; one that ended must not become the parent of a later job.
const live = new WeakSet<Span>();

const PROBE = createContextKey('sms-webhooks.probe');

/** True when context.with() really changes the active context: a context manager is registered. */
function propagatesContext(): boolean {
  const probe = ROOT_CONTEXT.setValue(PROBE, true);
  return context.with(probe, () => context.active() === probe);
}

export function enterDelivery(span: Span): void {
  if (!store || !propagatesContext()) return;
  live.add(span);
  store.enterWith(span);
  useTraceCarrier(currentCarrier);
}

export function leaveDelivery(span: Span): void {
  live.delete(span);
}

function currentCarrier(): Record<string, string> | undefined {
  const span = store?.getStore();
  return span && live.has(span) ? toCarrier(span) : undefined;
}
