import type { IncomingHttpHeaders } from 'node:http';
import { type Admission, admit, settle } from './dedupe.js';
import { DeliveryContext, type HandlerContext } from './delivery-context.js';
import { WebhookError } from './errors.js';
import { type HandlerTable, runHandlers } from './handlers.js';
import { InFlight } from './in-flight.js';
import { parseJsonBody } from './json-body.js';
import { type Logger, pickLogger } from './logger.js';
import { logOutcome, logRejection } from './pipeline-log.js';
import { tooLarge } from './raw-body.js';
import { toStoreKey } from './store-key.js';
import type { CheckedReliability } from './reliability.js';

export type { HandlerContext } from './delivery-context.js';

/** One HTTP delivery as the provider sent it: the exact body bytes and the request headers (read them with headerValue). */
export interface Delivery {
  rawBody: Buffer;
  headers: IncomingHttpHeaders;
}

/** What makes a provider: how it authenticates a delivery and turns its JSON into a typed event. */
export interface ProviderSpec<E extends { type: string }> {
  name: string;
  /** Throws a 401 WebhookError when the delivery is not genuine. */
  authenticate(delivery: Delivery): void | Promise<void>;
  /** Classifies and validates parsed JSON; throws a 422 WebhookError. */
  toEvent(json: unknown, delivery: Delivery): E;
  deliveryKey(event: E, delivery: Delivery): string;
  /** Fields safe to log at info (ids, type, version): no phone numbers, no text. */
  summary(event: E): Record<string, unknown>;
  /** Personal fields (phone numbers), logged at debug only. */
  personal(event: E): Record<string, unknown>;
  /** What a queue worker needs to turn the body into the same event (see HandoffJob.hints). */
  handoffHints(event: E, delivery: Delivery): Record<string, unknown>;
}

export interface PipelineOptions<E extends { type: string }> {
  spec: ProviderSpec<E>;
  handlers: HandlerTable<HandlerContext>;
  limit: number;
  logger?: Logger;
  /** Handlers slower than this are logged at warn: the provider may time out and retry (httpSMS: 5 s). */
  handlerBudgetMs?: number;
  reliability: CheckedReliability<E>;
}

export interface Pipeline<E> {
  /** Runs one delivery through every step; resolves with the event or rejects with a WebhookError. */
  handle(body: Buffer | (() => Promise<Buffer>), headers: IncomingHttpHeaders, requestLogger?: unknown): Promise<E>;
  /** Stops taking deliveries (503), waits for those in flight, releases the claims of any left. */
  close(): Promise<void>;
  readonly limit: number;
}

/**
 * raw bytes -> authenticate -> parse JSON -> classify and validate -> de-duplicate -> dispatch (or hand off)
 * -> answer. One log line per delivery.
 */
export function createPipeline<E extends { type: string }>(options: PipelineOptions<E>): Pipeline<E> {
  const { spec, limit, reliability } = options;
  const { dedupe, handoff } = reliability;
  const inFlight = new InFlight();
  let closing: Promise<void> | undefined;

  async function handle(body: Buffer | (() => Promise<Buffer>), headers: IncomingHttpHeaders, requestLogger?: unknown) {
    const log = pickLogger(options.logger, requestLogger);
    const startedAt = performance.now();
    let event: E | undefined;
    try {
      if (closing) throw new WebhookError('receiver.closing', 'This receiver is shutting down; the provider will retry the delivery.');
      // Bytes at hand (receive()) cost no await; an HTTP adapter passes a reader, so read errors land here too.
      const rawBody = Buffer.isBuffer(body) ? body : await body();
      if (rawBody.length > limit) throw tooLarge(limit);
      const delivery: Delivery = { rawBody, headers };
      const authenticating = spec.authenticate(delivery);
      if (authenticating) await authenticating; // only asynchronous checks cost a turn of the event loop
      event = spec.toEvent(parseJsonBody(rawBody), delivery);
      const key = toStoreKey(reliability.deliveryKey ? reliability.deliveryKey(event, rawBody) : spec.deliveryKey(event, delivery));
      const outcome = handoff ? await handOff(event, delivery, key) : await admitAndDispatch(event, key, log);
      logOutcome(log, spec, event, key, outcome, startedAt);
      return event;
    } catch (error) {
      logRejection(log, spec.name, error, event && spec.summary(event), startedAt);
      throw error;
    }
  }

  async function admitAndDispatch(event: E, key: string, log: Logger): Promise<string> {
    const describe = () => ({ provider: spec.name, ...spec.summary(event) });
    // The in-memory store answers synchronously: then no step here costs a turn of the event loop.
    const admitted: Admission | Promise<Admission> = dedupe ? admit(dedupe, key, log, describe) : NO_DEDUPE;
    const admission = admitted instanceof Promise ? await admitted : admitted;
    if (!admission.run) return 'duplicate';
    const context = new DeliveryContext(log, spec.name, event.type, key, admission.redelivery, Date.now());
    const finish = (succeeded: boolean) => (dedupe ? settle(dedupe, key, admission, succeeded, log, describe) : undefined);
    let ran: number;
    try {
      const work = dispatch(event, context, log);
      ran = typeof work === 'number' ? work : await inFlight.track(work, async () => finish(false));
    } catch (error) {
      await finish(false);
      throw error;
    }
    const settled = finish(true);
    if (settled) await settled;
    return ran > 0 ? 'handled' : 'no_handler';
  }

  /** Runs the handlers; whatever they throw, synchronously or not, becomes a handler.failed. */
  function dispatch(event: E, context: DeliveryContext, log: Logger): number | Promise<number> {
    const startedAt = performance.now();
    const budget = () => warnIfSlow(log, event, context.key, performance.now() - startedAt);
    try {
      const ran = runHandlers(options.handlers, event, context);
      if (typeof ran === 'number') {
        budget();
        return ran;
      }
      return ran.then(
        (count) => (budget(), count),
        (cause: unknown) => Promise.reject(handlerFailed(event.type, cause)),
      );
    } catch (cause) {
      throw handlerFailed(event.type, cause);
    }
  }

  async function handOff(event: E, delivery: Delivery, key: string): Promise<string> {
    const job = {
      provider: spec.name,
      key,
      type: event.type,
      body: delivery.rawBody.toString('utf8'),
      hints: spec.handoffHints(event, delivery),
      receivedAt: Date.now(),
    };
    try {
      return await inFlight.track(handoff!.enqueue(job), async () => {});
    } catch (cause) {
      throw new WebhookError('store.unavailable', 'The delivery queue cannot be reached; the provider will retry the delivery.', { cause });
    }
  }

  function warnIfSlow(log: Logger, event: E, key: string, handlerMs: number): void {
    if (options.handlerBudgetMs === undefined || handlerMs <= options.handlerBudgetMs) return;
    log.warn(
      { provider: spec.name, ...spec.summary(event), key, handlerMs: Math.round(handlerMs), budgetMs: options.handlerBudgetMs },
      `webhook handlers took longer than ${options.handlerBudgetMs} ms: the provider may time out and send the delivery again`,
    );
  }

  function close(): Promise<void> {
    closing ??= (async () => {
      const left = await inFlight.drain(reliability.closeTimeoutMs);
      const log = pickLogger(options.logger);
      if (left > 0) log.warn({ provider: spec.name, left }, 'receiver closed with deliveries unfinished: their claims were released for the retry');
      else log.info({ provider: spec.name }, 'receiver closed');
    })();
    return closing;
  }

  return { handle, close, limit };
}

const NO_DEDUPE: Admission = { run: true, redelivery: false };

function handlerFailed(type: string, cause: unknown): WebhookError {
  return new WebhookError(
    'handler.failed',
    `A "${type}" handler failed, so the delivery is answered with 500 and the provider will retry it.`,
    { cause },
  );
}
