import type { IncomingMessage, ServerResponse } from 'node:http';
import { isWebhookError } from '../core/errors.js';
import { type WebhookRequest, readRawBody } from '../core/raw-body.js';
import type { WebhookReceiver } from '../core/receiver.js';

/** A route handler for Express 5 and 4 (and plain node:http): it always answers, and never calls next. */
export type WebhookRequestHandler = (req: IncomingMessage, res: ServerResponse, next?: unknown) => Promise<void>;

const OK_BODY = '{"ok":true}';
const INTERNAL_BODY = '{"error":{"code":"handler.failed","message":"The delivery could not be handled."}}';

/**
 * Wraps a receiver as a route: bytes and headers in, status and a small JSON body out. The answer is written
 * directly (no ETag, no content negotiation), since only the provider reads it.
 */
export function toRequestHandler<E>(receiver: WebhookReceiver<E>): WebhookRequestHandler {
  return async function webhookRoute(req, res) {
    const request = req as WebhookRequest & { log?: unknown };
    try {
      await receiver.handle(() => readRawBody(request, { limit: receiver.limit }), req.headers, request.log);
      answer(res, 200, OK_BODY);
    } catch (error) {
      if (isWebhookError(error)) {
        // After a 413 the rest of the body was dropped unread: do not reuse the connection.
        if (error.code === 'body.too_large') res.setHeader('Connection', 'close');
        answer(res, error.status, JSON.stringify(error.toJSON()));
      } else if (!req.destroyed) {
        answer(res, 500, INTERNAL_BODY);
      }
    }
  };
}

function answer(res: ServerResponse, status: number, body: string): void {
  if (res.headersSent || res.writableEnded) return;
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}
