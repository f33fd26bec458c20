import type { Answer } from './answer.js';
import type { IncomingDelivery } from './flow.js';
import type { Logger } from './logger.js';
import type { DeliveryObserver } from './observe.js';

/** Input of `receive()`: the exact body bytes and the headers (any letter case). */
export interface ReceiveInput {
  rawBody: Uint8Array | string;
  headers?: Readonly<Record<string, string | string[] | undefined>>;
}

/** One provider's receiver, free of HTTP: every adapter (Express, Fetch, Fastify) is a thin shell around it. */
export interface WebhookReceiver<E> {
  /**
   * Runs one delivery through every step, with the same verdicts as the HTTP routes give for the same bytes and
   * headers. Resolves with the handled event, or rejects with a WebhookError (`status`, `code`).
   */
  receive(input: ReceiveInput, options?: { logger?: Logger }): Promise<E>;
  /** For adapters: one request in, its answer out (never rejects). */
  deliver(incoming: IncomingDelivery): Promise<Answer>;
  /**
   * Graceful shutdown: new deliveries are answered 503 `receiver.closing`, those in flight may finish (up to
   * `closeTimeoutMs`); those still running then are answered 503 and their claims released for the retry.
   */
  close(): Promise<void>;
  /** Adds a listener of delivery reports (metrics, traces, an inspector); the function returned removes it. */
  observe(observer: DeliveryObserver): () => void;
  /** The body limit in bytes. */
  readonly limit: number;
  /** The provider's name ('mta', 'httpsms'). */
  readonly provider: string;
}
