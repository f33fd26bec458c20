import { type Answer, DUPLICATE_ANSWER, INTERNAL_ANSWER, OK_ANSWER, errorAnswer } from './answer.js';
import { bodyTimedOut, checkContentHeaders, tooLarge } from './content-checks.js';
import type { HandlerContext } from './delivery-context.js';
import { type Dispatched, createDispatcher } from './dispatch.js';
import { WebhookError, isWebhookError } from './errors.js';
import type { HandlerTable } from './handlers.js';
import type { HeaderLookup } from './headers.js';
import { InFlight, type InFlightEntry } from './in-flight.js';
import { parseJsonBody } from './json-body.js';
import { type Logger, pickLogger } from './logger.js';
import { logOutcome, logRejection } from './pipeline-log.js';
import { type DeliveryObserver, type DeliveryReport, callObserver, checkObservers } from './observe.js';
import type { StatusStep } from './status-step.js';
import type { Delivery, ProviderSpec } from './provider.js';
import type { CheckedReliability } from './reliability.js';
import { toStoreKey } from './store-key.js';
import { withTimeout } from './with-timeout.js';
import { isClientAbort, isFailure } from './outcome.js';

/** What any adapter can supply about one request: this is all the flow needs from a runtime. */
export interface IncomingDelivery {
  /** A request header by its lowercase name. */
  header: HeaderLookup;
  /**
   * The exact body bytes: at hand (kept by an earlier parser, or given to receive()) or read from the request,
   * refusing (413 body.too_large) once more than `limit` bytes arrived. Called at most once.
   */
  readBody(limit: number): Uint8Array | Promise<Uint8Array>;
  /** The request's own logger (pino-http's req.log, Fastify's request.log), used when no `logger` option is set. */
  requestLogger?: unknown;
}

export interface FlowOptions<E extends { type: string }> {
  spec: ProviderSpec<E>;
  handlers: HandlerTable<HandlerContext>;
  limit: number;
  /** The whole body must have arrived this long after the request started. */
  bodyTimeoutMs: number;
  logger?: Logger | false;
  handlerBudgetMs?: number;
  reliability: CheckedReliability<E>;
  status?: StatusStep;
  /** Listeners of each delivery's report (metrics, traces, the inspector); the log line is always written. */
  observers?: readonly DeliveryObserver[];
}

export interface DeliveryFlow<E> {
  /** One delivery from its first byte to its answer. Never rejects: every outcome is an answer. */
  deliver(incoming: IncomingDelivery): Promise<Answer>;
  /** The same steps, for callers that want the event or the WebhookError (receive()). */
  run(incoming: IncomingDelivery): Promise<E>;
  /** Stops taking deliveries (503), waits for those in flight, then answers what is left and releases its claims. */
  close(): Promise<void>;
  /** Adds a listener of delivery reports; the function returned removes it. */
  observe(observer: DeliveryObserver): () => void;
  readonly limit: number;
  /** The provider's name ('mta', 'httpsms'). */
  readonly provider: string;
}

const OBSERVER_FAILED = 'a delivery observer failed; the delivery itself was not affected';

/**
 * read bytes (with a limit and a deadline) -> content checks -> authenticate -> parse JSON -> classify and
 * validate -> de-duplicate -> dispatch (or hand off) -> answer. One log line per delivery.
 */
export function createDeliveryFlow<E extends { type: string }>(options: FlowOptions<E>): DeliveryFlow<E> {
  const { spec, limit, reliability } = options;
  const dispatch = createDispatcher({ spec, handlers: options.handlers, reliability, handlerBudgetMs: options.handlerBudgetMs, status: options.status });
  // Listeners may be added later (observe()): an inspector mounted beside existing routes.
  const observers: DeliveryObserver[] = [...(options.observers ?? [])];
  const inFlight = new InFlight();
  let closing: Promise<void> | undefined;

  async function steps(incoming: IncomingDelivery, entry: InFlightEntry): Promise<{ event: E; outcome: Dispatched['outcome'] }> {
    const log = pickLogger(options.logger, incoming.requestLogger);
    const startedAt = performance.now();
    // The observers of this delivery, fixed at its start: one added or removed meanwhile (observe(), an inspector
    // closing) must neither finish a delivery it never started nor shift what the others started.
    const watching = observers.length > 0 ? observers.map((observer) => ({ observer, started: start(observer, log) })) : undefined;
    let event: E | undefined;
    let rawBody: Uint8Array | undefined;
    let key: string | undefined;
    try {
      if (closing) throw receiverClosing();
      checkContentHeaders(incoming.header, limit);
      const read = incoming.readBody(limit);
      // Bytes at hand cost no timer and no turn of the event loop.
      // The deadline keeps the process alive: the delivery is answered 408 even when nothing else holds it.
      rawBody = read instanceof Uint8Array ? read : await withTimeout(read, options.bodyTimeoutMs, () => bodyTimedOut(options.bodyTimeoutMs), true);
      if (rawBody.length > limit) throw tooLarge(limit);
      // A body that was still arriving when close() began is not handled any more.
      if (closing) throw receiverClosing();
      const delivery: Delivery = { rawBody, header: incoming.header };
      const authenticating = spec.authenticate(delivery);
      if (authenticating) await authenticating;
      event = spec.toEvent(parseJsonBody(rawBody), delivery);
      const keyed = reliability.deliveryKey ? reliability.deliveryKey(event, rawBody) : spec.deliveryKey(event, delivery);
      // Keys are made well formed (and stay distinct) before any store sees them.
      key = toStoreKey(typeof keyed === 'string' ? keyed : await keyed);
      const dispatched = await dispatch(event, delivery, key, log, entry);
      // close() answered this delivery 503 while its handlers ran: it is logged and reported as the provider saw it
      // (a retry will be answered as a duplicate, since the work is done).
      if (entry.forced) throw receiverClosing();
      logOutcome(log, spec, event, key, dispatched.outcome, startedAt);
      if (watching) {
        const told = described(event, log, incoming, rawBody, key, startedAt);
        told.outcome = dispatched.outcome;
        told.redelivery = dispatched.redelivery;
        told.statusChange = dispatched.statusChange;
        report(watching, told);
      }
      return { event, outcome: dispatched.outcome };
    } catch (error) {
      // What the provider saw: a 503 when close() answered while the steps ran, with what failed behind it as cause.
      const answered = entry.forced ? closedAnswer(error) : error;
      logRejection(log, spec.name, answered, event && spec.summary(event), startedAt);
      if (watching) {
        const told = Object.assign(described(event, log, incoming, rawBody, key, startedAt), failure(answered));
        // A handler that failed behind that 503 stays on the report, for traces and the inspector.
        if (answered !== error) told.error = failure(error).error;
        report(watching, told);
      }
      throw error;
    }
  }

  /** The report of a delivery that went through; a failure overwrites outcome and status. (No spread: it is slow.) */
  function described(event: E | undefined, log: Logger, incoming: IncomingDelivery, rawBody: Uint8Array | undefined, key: string | undefined, startedAt: number): DeliveryReport {
    const summary = event && spec.summary(event);
    return {
      provider: spec.name,
      outcome: 'handled',
      status: 200,
      event: event?.type,
      version: summary?.version,
      key,
      summary,
      durationMs: performance.now() - startedAt,
      request: { header: incoming.header, rawBody },
      eventObject: event,
      log,
    };
  }

  /** An observer's start; one that fails is logged and does not touch the delivery. */
  function start(observer: DeliveryObserver, log: Logger): unknown {
    return callObserver(observer.started, observer, spec.name, undefined, log, spec.name, OBSERVER_FAILED);
  }

  /** Tells every observer; one that fails is logged and does not touch the answer. */
  function report(watching: Array<{ observer: DeliveryObserver; started: unknown }>, delivery: DeliveryReport): void {
    for (const { observer, started } of watching) callObserver(observer.finished, observer, delivery, started, delivery.log, spec.name, OBSERVER_FAILED);
  }

  /**
   * One delivery, tracked from its first byte so that close() can wait for it, or, when it cannot wait any longer,
   * settle it with 503 receiver.closing (the steps go on, but nobody waits for them).
   */
  function tracked(incoming: IncomingDelivery): Promise<{ event: E; outcome: Dispatched['outcome'] }> {
    const entry = inFlight.enter();
    // Started outside the executor below, so that the closures the entry keeps do not hold the request: a
    // request reachable from them outlives its answer in the garbage collector's eyes, and with Express's
    // req/res graph that cost about 10% of the route's CPU time.
    const running = steps(incoming, entry);
    return new Promise((resolve, reject) => {
      entry.force = () => {
        entry.forced = true;
        reject(receiverClosing());
      };
      running.then(
        (result) => {
          inFlight.leave(entry);
          resolve(result);
        },
        (error: unknown) => {
          inFlight.leave(entry);
          reject(error);
        },
      );
    });
  }

  function deliver(incoming: IncomingDelivery): Promise<Answer> {
    return tracked(incoming).then(
      ({ outcome }) => (outcome === 'duplicate' ? DUPLICATE_ANSWER : OK_ANSWER),
      (error: unknown) => (isWebhookError(error) ? errorAnswer(error) : INTERNAL_ANSWER),
    );
  }

  function run(incoming: IncomingDelivery): Promise<E> {
    return tracked(incoming).then(({ event }) => event);
  }

  function close(): Promise<void> {
    closing ??= (async () => {
      const left = await inFlight.drain(reliability.closeTimeoutMs);
      const log = pickLogger(options.logger);
      if (left > 0) log.warn({ provider: spec.name, left }, 'receiver closed with deliveries unfinished: they were answered 503 and their claims released for the retry');
      else log.info({ provider: spec.name }, 'receiver closed');
    })();
    return closing;
  }

  function observe(observer: DeliveryObserver): () => void {
    observers.push(...checkObservers(observer));
    return () => {
      const index = observers.indexOf(observer);
      if (index >= 0) observers.splice(index, 1);
    };
  }

  return { deliver, run, close, observe, limit, provider: spec.name };
}

/** The report fields of a delivery that did not go through. */
function failure(error: unknown): Pick<DeliveryReport, 'outcome' | 'status' | 'code' | 'message' | 'diagnosis' | 'store' | 'error'> {
  if (isClientAbort(error)) return { outcome: 'aborted', status: 499 };
  if (!isWebhookError(error)) return { outcome: 'failed', status: 500, code: 'internal.error', error };
  const failed = isFailure(error);
  return {
    outcome: failed ? 'failed' : 'rejected',
    status: error.status,
    code: error.code,
    message: error.message,
    diagnosis: error.diagnosis,
    store: error.store,
    error: failed ? (error.cause ?? error) : undefined,
  };
}

function receiverClosing(cause?: unknown): WebhookError {
  return new WebhookError('receiver.closing', 'This receiver is shutting down; the provider will retry the delivery.', cause === undefined ? undefined : { cause });
}

/** The 503 of a delivery close() answered early; what went wrong in its steps meanwhile becomes its cause. */
function closedAnswer(error: unknown): WebhookError {
  return isWebhookError(error) && error.code === 'receiver.closing' ? error : receiverClosing(error);
}
