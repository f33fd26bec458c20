import type { IncomingHttpHeaders } from 'node:http';
import type { Logger } from './logger.js';
import type { Pipeline } from './pipeline.js';

/** Input of `receive()`: the exact body bytes and the headers (any letter case). */
export interface ReceiveInput {
  rawBody: Buffer | Uint8Array | string;
  headers?: Record<string, string | string[] | undefined>;
}

/** The HTTP-free pipeline of one provider. */
export interface WebhookReceiver<E> {
  /** Resolves with the handled event, or rejects with a WebhookError (`status`, `code`). */
  receive(input: ReceiveInput, options?: { logger?: Logger }): Promise<E>;
  /**
   * For HTTP adapters: the body is read inside the pipeline, so that a body too large or already parsed is
   * answered and logged like every other refusal.
   */
  handle(body: Buffer | (() => Promise<Buffer>), headers: IncomingHttpHeaders, requestLogger?: unknown): Promise<E>;
  /**
   * Graceful shutdown: new deliveries are answered 503 `receiver.closing`, those in flight may finish (up to
   * `closeTimeoutMs`), and the claims of any left are released so the provider's retry runs them.
   */
  close(): Promise<void>;
  /** The body limit in bytes. */
  readonly limit: number;
}

export function toReceiver<E>(pipeline: Pipeline<E>): WebhookReceiver<E> {
  return {
    receive(input, options) {
      const rawBody = toBuffer(input.rawBody);
      return pipeline.handle(rawBody, input.headers ?? {}, options?.logger);
    },
    handle: pipeline.handle,
    close: pipeline.close,
    limit: pipeline.limit,
  };
}

function toBuffer(body: Buffer | Uint8Array | string): Buffer {
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError('receive() needs rawBody as a Buffer, Uint8Array or string: the exact bytes that were signed.');
}
