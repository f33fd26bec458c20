import type { IncomingMessage, ServerResponse } from 'node:http';
import { isWebhookError } from '../core/errors.js';
import { type WebhookRequest, readRawBody } from '../core/raw-body.js';
import type { WebhookReceiver } from '../core/receiver.js';

/**
 * A route handler for Express 5 and 4 (and plain node:http): it always answers, and never calls next.
 * `close()` shuts its receiver down gracefully (call it on SIGTERM, after server.close()).
 */
export type WebhookRequestHandler = ((req: IncomingMessage, res: ServerResponse, next?: unknown) => Promise<void>) & {
  close(): Promise<void>;
};

const OK_BODY = '{"ok":true}';
const OK_HEADERS = jsonHeaders(OK_BODY, false);
const INTERNAL_BODY = '{"error":{"code":"handler.failed","message":"The delivery could not be handled."}}';

/**
 * Wraps a receiver as a route: bytes and headers in, status and a small JSON body out. The answer is written
 * directly (no ETag, no content negotiation), since only the provider reads it.
 */
export function toRequestHandler<E>(receiver: WebhookReceiver<E>): WebhookRequestHandler {
  const route = function webhookRoute(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const request = req as WebhookRequest & { log?: unknown };
    return receiver.handle(() => readRawBody(request, { limit: receiver.limit }), req.headers, request.log).then(
      () => answer(res, 200, OK_BODY, OK_HEADERS),
      (error: unknown) => {
        if (isWebhookError(error)) {
          // After a 413 the rest of the body was dropped unread: do not reuse the connection.
          const body = JSON.stringify(error.toJSON());
          answer(res, error.status, body, jsonHeaders(body, error.code === 'body.too_large'));
        } else if (!res.destroyed) {
          // An unexpected fault of ours: 500 so the provider retries. (`req.destroyed` says nothing here: a
          // request stream is destroyed once its body has been read.) A client that went away gets nothing.
          answer(res, 500, INTERNAL_BODY, jsonHeaders(INTERNAL_BODY, false));
        }
      },
    );
  };
  return Object.assign(route, { close: () => receiver.close() });
}

/** Headers as one flat list: a single writeHead with a list is the cheapest way to send them. */
function jsonHeaders(body: string, closeConnection: boolean): string[] {
  const headers = [
    'Content-Type', 'application/json; charset=utf-8',
    'Cache-Control', 'no-store',
    'Content-Length', String(Buffer.byteLength(body)),
  ];
  if (closeConnection) headers.push('Connection', 'close');
  return headers;
}

function answer(res: ServerResponse, status: number, body: string, headers: string[]): void {
  if (res.headersSent || res.writableEnded) return;
  res.writeHead(status, headers); // headers the app set earlier with setHeader are kept
  res.end(body);
}
