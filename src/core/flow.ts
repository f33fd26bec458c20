import { type Answer, DUPLICATE_ANSWER, INTERNAL_ANSWER, OK_ANSWER, errorAnswer } from './answer.js';
import { bodyTimedOut, checkContentHeaders, tooLarge } from './content-checks.js';
import type { HandlerContext } from './delivery-context.js';
import { type Outcome, createDispatcher } from './dispatch.js';
import { WebhookError, isWebhookError } from './errors.js';
import type { HandlerTable } from './handlers.js';
import type { HeaderLookup } from './headers.js';
import { InFlight, type InFlightEntry } from './in-flight.js';
import { parseJsonBody } from './json-body.js';
import { type Logger, pickLogger } from './logger.js';
import { logOutcome, logRejection } from './pipeline-log.js';
import type { Delivery, ProviderSpec } from './provider.js';
import type { CheckedReliability } from './reliability.js';

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
  logger?: Logger;
  handlerBudgetMs?: number;
  reliability: CheckedReliability<E>;
}

export interface DeliveryFlow<E> {
  /** One delivery from its first byte to its answer. Never rejects: every outcome is an answer. */
  deliver(incoming: IncomingDelivery): Promise<Answer>;
  /** The same steps, for callers that want the event or the WebhookError (receive()). */
  run(incoming: IncomingDelivery): Promise<E>;
  /** Stops taking deliveries (503), waits for those in flight, then answers what is left and releases its claims. */
  close(): Promise<void>;
  readonly limit: number;
}

/**
 * read bytes (with a limit and a deadline) -> content checks -> authenticate -> parse JSON -> classify and
 * validate -> de-duplicate -> dispatch (or hand off) -> answer. One log line per delivery.
 */
export function createDeliveryFlow<E extends { type: string }>(options: FlowOptions<E>): DeliveryFlow<E> {
  const { spec, limit, reliability } = options;
  const dispatch = createDispatcher({ spec, handlers: options.handlers, reliability, handlerBudgetMs: options.handlerBudgetMs });
  const inFlight = new InFlight();
  let closing: Promise<void> | undefined;

  async function steps(incoming: IncomingDelivery, entry: InFlightEntry): Promise<{ event: E; outcome: Outcome }> {
    const log = pickLogger(options.logger, incoming.requestLogger);
    const startedAt = performance.now();
    let event: E | undefined;
    try {
      if (closing) throw receiverClosing();
      checkContentHeaders(incoming.header, limit);
      const read = incoming.readBody(limit);
      // Bytes at hand cost no timer and no turn of the event loop.
      const rawBody = read instanceof Uint8Array ? read : await within(read, options.bodyTimeoutMs);
      if (rawBody.length > limit) throw tooLarge(limit);
      // A body that was still arriving when close() began is not handled any more.
      if (closing) throw receiverClosing();
      const delivery: Delivery = { rawBody, header: incoming.header };
      const authenticating = spec.authenticate(delivery);
      if (authenticating) await authenticating;
      event = spec.toEvent(parseJsonBody(rawBody), delivery);
      const keyed = reliability.deliveryKey ? reliability.deliveryKey(event, rawBody) : spec.deliveryKey(event, delivery);
      const key = typeof keyed === 'string' ? keyed : await keyed;
      const outcome = await dispatch(event, delivery, key, log, entry);
      logOutcome(log, spec, event, key, outcome, startedAt);
      return { event, outcome };
    } catch (error) {
      logRejection(log, spec.name, error, event && spec.summary(event), startedAt);
      throw error;
    }
  }

  function deliver(incoming: IncomingDelivery): Promise<Answer> {
    const entry = inFlight.enter();
    return new Promise<Answer>((resolve) => {
      entry.force = () => resolve(errorAnswer(receiverClosing()));
      steps(incoming, entry).then(
        ({ outcome }) => resolve(outcome === 'duplicate' ? DUPLICATE_ANSWER : OK_ANSWER),
        (error: unknown) => resolve(isWebhookError(error) ? errorAnswer(error) : INTERNAL_ANSWER),
      ).finally(() => inFlight.leave(entry));
    });
  }

  function run(incoming: IncomingDelivery): Promise<E> {
    const entry = inFlight.enter();
    return new Promise<E>((resolve, reject) => {
      entry.force = () => reject(receiverClosing());
      steps(incoming, entry).then(({ event }) => resolve(event), reject).finally(() => inFlight.leave(entry));
    });
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

  return { deliver, run, close, limit };
}

function receiverClosing(): WebhookError {
  return new WebhookError('receiver.closing', 'This receiver is shutting down; the provider will retry the delivery.');
}

/** The body read, or a 408 once the deadline passes first. */
function within(read: Promise<Uint8Array>, timeoutMs: number): Promise<Uint8Array> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(bodyTimedOut(timeoutMs)), timeoutMs);
  });
  return Promise.race([read, deadline]).finally(() => clearTimeout(timer));
}
