import type { IncomingDelivery } from '../core/flow.js';
import { type WebhookRequest, readNodeBody } from './read-body.js';

/**
 * A Node request as the flow reads it (Express, node:http, Fastify's `request.raw`). Built here, apart from the
 * route's own scope, so that its closures hold the request and its headers, not the response the route keeps.
 */
export function nodeIncoming(request: WebhookRequest, requestLogger: unknown, fix?: string): IncomingDelivery {
  const headers = request.headers;
  return { header: (name) => headers[name], readBody: (limit) => readNodeBody(request, limit, fix), requestLogger };
}
