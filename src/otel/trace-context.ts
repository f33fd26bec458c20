import { ROOT_CONTEXT, type Context, type Span, type SpanContext, trace } from '@opentelemetry/api';

/** A span's context as W3C `traceparent` (and `tracestate`): what a queued job carries to the worker. */
export function toCarrier(span: Span): Record<string, string> | undefined {
  const spanContext = span.spanContext();
  if (!trace.isSpanContextValid(spanContext)) return undefined;
  const flags = (spanContext.traceFlags & 0xff).toString(16).padStart(2, '0');
  const carrier: Record<string, string> = { traceparent: `00-${spanContext.traceId}-${spanContext.spanId}-${flags}` };
  const state = spanContext.traceState?.serialize();
  if (state) carrier.tracestate = state;
  return carrier;
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/**
 * The context a job's carrier names, as a remote parent; undefined when it names none. Read by hand rather than
 * through the app's propagator, so that the worker continues the trace even where no propagator is registered:
 * both ends are ours, and `traceparent` is the format both agree on.
 */
export function fromCarrier(carrier: Readonly<Record<string, string>> | undefined): Context | undefined {
  const match = typeof carrier?.traceparent === 'string' ? TRACEPARENT.exec(carrier.traceparent) : null;
  if (!match) return undefined;
  const spanContext: SpanContext = { traceId: match[1]!, spanId: match[2]!, traceFlags: Number.parseInt(match[3]!, 16), isRemote: true };
  if (!trace.isSpanContextValid(spanContext)) return undefined;
  return trace.setSpanContext(ROOT_CONTEXT, spanContext);
}
