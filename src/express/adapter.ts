import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebhookReceiver } from '../core/receiver.js';
import { type WebhookRequest, readNodeBody } from '../node/read-body.js';
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
    const request = req as WebhookRequest & { log?: unknown };
    const headers = req.headers;
    return receiver
      .deliver({ header: (name) => headers[name], readBody: (limit) => readNodeBody(request, limit), requestLogger: request.log })
      .then((answer) => sendNodeAnswer(res, answer));
  };
  return Object.assign(route, { close: () => receiver.close(), receiver: receiver as WebhookReceiver<unknown> });
}
