import type { WebhookReceiver } from '../core/receiver.js';
import { readFetchBody } from './read-body.js';

/**
 * A Fetch handler: `(request, context?) => Promise<Response>`, for Next.js route handlers, Hono, Bun.serve,
 * Deno.serve and Cloudflare Workers. A second argument that is not ours (Next.js passes `{ params }`, Workers an
 * execution context) is ignored, except a Hono context, whose body cache it reads through.
 */
export type FetchWebhookHandler = ((request: Request, context?: unknown) => Promise<Response>) & {
  close(): Promise<void>;
  /** The receiver behind the handler (its `observe()` adds a listener of delivery reports). */
  readonly receiver: WebhookReceiver<unknown>;
};

/** Wraps a receiver as a Fetch handler: the request's bytes and headers in, the flow's answer out. */
export function toFetchHandler<E>(receiver: WebhookReceiver<E>): FetchWebhookHandler {
  const handler = async function webhookHandler(request: Request, context?: unknown): Promise<Response> {
    const headers = request.headers;
    const answer = await receiver.deliver({
      header: (name) => headers.get(name) ?? undefined,
      readBody: (limit) => readFetchBody(request, limit, context),
      requestLogger: (context as { var?: { logger?: unknown } } | undefined)?.var?.logger,
    });
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  };
  return Object.assign(handler, { close: () => receiver.close(), receiver: receiver as WebhookReceiver<unknown> });
}
