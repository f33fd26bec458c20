import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebhookReceiver } from '../core/receiver.js';
import { nodeIncoming } from '../node/incoming.js';
import { sendNodeAnswer } from '../node/send-answer.js';

/**
 * A route handler for Express 5 and 4 (and plain node:http): it always answers, and never calls next.
 * `close()` shuts its receiver down gracefully (call it on SIGTERM, after server.close()).
 */
export type WebhookRequestHandler = ((req: IncomingMessage, res: ServerResponse, next?: unknown) => Promise<void>) & {
  close(): Promise<void>;
  /** The receiver behind the route (its `observe()` adds a listener of delivery reports). */
  readonly receiver: WebhookReceiver<unknown>;
};

/** Wraps a receiver as a route: the request's bytes and headers in, the flow's answer out. */
export function toRequestHandler<E>(receiver: WebhookReceiver<E>): WebhookRequestHandler {
  const route = function webhookRoute(req: IncomingMessage, res: ServerResponse): Promise<void> {
    return receiver.deliver(nodeIncoming(req, (req as { log?: unknown }).log)).then((answer) => sendNodeAnswer(res, answer));
  };
  return Object.assign(route, { close: () => receiver.close(), receiver: receiver as WebhookReceiver<unknown> });
}
