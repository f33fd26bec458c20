import type { IncomingHttpHeaders } from 'node:http';
import { WebhookError, isWebhookError } from './errors.js';
import { type HandlerTable, runHandlers } from './handlers.js';
import { parseJsonBody } from './json-body.js';
import { type Logger, pickLogger } from './logger.js';
import { tooLarge } from './raw-body.js';

/** One HTTP delivery as the provider sent it: the exact body bytes and the request headers (read them with headerValue). */
export interface Delivery {
  rawBody: Buffer;
  headers: IncomingHttpHeaders;
}

/** What a handler gets beside the event. */
export interface HandlerContext {
  /** A child of the receiver's logger, bound to this delivery. */
  log: Logger;
  /** The delivery's de-duplication key (see the README, "Reliability"). */
  key: string;
  /** True when this key was seen before and is being handled again (a retry after a failure). */
  redelivery: boolean;
  receivedAt: Date;
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
}

export interface PipelineOptions<E extends { type: string }> {
  spec: ProviderSpec<E>;
  handlers: HandlerTable<HandlerContext>;
  limit: number;
  logger?: Logger;
  /** Handlers slower than this are logged at warn: the provider may time out and retry (httpSMS: 5 s). */
  handlerBudgetMs?: number;
}

export interface Pipeline<E> {
  /** Runs one delivery through every step; resolves with the handled event or rejects with a WebhookError. */
  handle(body: Buffer | (() => Promise<Buffer>), headers: IncomingHttpHeaders, requestLogger?: unknown): Promise<E>;
  readonly limit: number;
}

/** raw bytes -> authenticate -> parse JSON -> classify and validate -> dispatch; one log line per delivery. */
export function createPipeline<E extends { type: string }>(options: PipelineOptions<E>): Pipeline<E> {
  const { spec, handlers, limit } = options;

  async function handle(body: Buffer | (() => Promise<Buffer>), headers: IncomingHttpHeaders, requestLogger?: unknown) {
    const log = pickLogger(options.logger, requestLogger);
    const startedAt = performance.now();
    const receivedAt = Date.now();
    let event: E | undefined;
    try {
      // Bytes at hand (receive()) cost no await; an HTTP adapter passes a reader, so read errors land here too.
      const rawBody = Buffer.isBuffer(body) ? body : await body();
      if (rawBody.length > limit) throw tooLarge(limit);
      const delivery: Delivery = { rawBody, headers };
      const authenticating = spec.authenticate(delivery);
      if (authenticating) await authenticating; // only asynchronous checks cost a turn of the event loop
      event = spec.toEvent(parseJsonBody(rawBody), delivery);
      const key = spec.deliveryKey(event, delivery);
      const dispatchedAt = performance.now();
      const dispatched = dispatch(event, new DeliveryContext(log, spec.name, event.type, key, receivedAt));
      const ran = typeof dispatched === 'number' ? dispatched : await dispatched;
      const handlerMs = performance.now() - dispatchedAt;
      if (options.handlerBudgetMs !== undefined && handlerMs > options.handlerBudgetMs) {
        log.warn(
          { provider: spec.name, ...spec.summary(event), key, handlerMs: Math.round(handlerMs), budgetMs: options.handlerBudgetMs },
          `webhook handlers took longer than ${options.handlerBudgetMs} ms: the provider may time out and send the delivery again`,
        );
      }
      // Levels read once: isLevelEnabled() costs a lookup per call, and most deliveries log at info only.
      const level = log.levelVal;
      const levels = log.levels.values;
      if (level <= (levels.info ?? 30)) {
        const outcome = ran > 0 ? 'handled' : 'no_handler';
        log.info({ provider: spec.name, ...spec.summary(event), key, outcome, durationMs: since(startedAt) }, 'webhook delivery handled');
      }
      if (level <= (levels.debug ?? 20)) log.debug({ provider: spec.name, key, ...spec.personal(event) }, 'webhook delivery parties');
      return event;
    } catch (error) {
      logRejection(log, error, event && spec.summary(event), since(startedAt));
      throw error;
    }
  }

  /** Runs the handlers; whatever they throw, synchronously or not, becomes a handler.failed. */
  function dispatch(event: E, context: HandlerContext): number | Promise<number> {
    try {
      const ran = runHandlers(handlers, event, context);
      return typeof ran === 'number' ? ran : ran.catch((cause: unknown) => Promise.reject(handlerFailed(event.type, cause)));
    } catch (cause) {
      throw handlerFailed(event.type, cause);
    }
  }

  function logRejection(log: Logger, error: unknown, summary: Record<string, unknown> | undefined, durationMs: number) {
    const fields = { provider: spec.name, ...summary, durationMs };
    if (!isWebhookError(error)) {
      log.info({ ...fields, outcome: 'aborted', reason: (error as Error)?.message }, 'webhook delivery not completed');
      return;
    }
    const line = { ...fields, outcome: 'rejected', status: error.status, code: error.code };
    if (error.status >= 500) log.error({ ...line, err: error.cause ?? error }, error.message);
    else log.warn(line, `webhook delivery rejected: ${error.message}`);
  }

  return { handle, limit };
}

function handlerFailed(type: string, cause: unknown): WebhookError {
  return new WebhookError(
    'handler.failed',
    `A "${type}" handler failed, so the delivery is answered with 500 and the provider will retry it.`,
    { cause },
  );
}

/** The handler's context. Its child logger is made on first use: most handlers never log. */
class DeliveryContext implements HandlerContext {
  #parent: Logger;
  #log: Logger | undefined;
  #receivedAt: number;
  readonly redelivery = false;

  constructor(
    parent: Logger,
    readonly provider: string,
    readonly event: string,
    readonly key: string,
    receivedAt: number,
  ) {
    this.#parent = parent;
    this.#receivedAt = receivedAt;
  }

  get receivedAt(): Date {
    return new Date(this.#receivedAt);
  }

  get log(): Logger {
    this.#log ??= this.#parent.child({ provider: this.provider, event: this.event, key: this.key });
    return this.#log;
  }
}

function since(startedAt: number): number {
  return Math.round((performance.now() - startedAt) * 1000) / 1000;
}
