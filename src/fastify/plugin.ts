import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WebhookReceiver } from '../core/receiver.js';
import { nodeIncoming } from '../node/incoming.js';

/** What every sms-webhooks Fastify plugin takes besides its receiver's options. */
export interface FastifyRouteOptions {
  /** The webhook route's path inside the plugin's scope (after any `prefix`), e.g. '/webhooks/mta'. */
  path: string;
}

/** A Fastify plugin for one provider (a plain async plugin: Fastify 5, and 4). */
export type FastifyWebhookPlugin<O> = ((fastify: FastifyInstance, options: O & FastifyRouteOptions) => Promise<void>) & {
  [key: symbol]: unknown;
};

const FASTIFY_FIX =
  'Something read the request stream before the webhook route: an onRequest or preParsing hook, or a parser ' +
  'registered with fastify-plugin around sms-webhooks. Let that hook skip the webhook path.';

/**
 * Wraps a receiver factory as a Fastify plugin. It is deliberately NOT wrapped in fastify-plugin: inside its own
 * encapsulated scope it replaces every content-type parser with one that leaves the stream unread, so the route
 * reads and verifies the exact bytes while the app's JSON parsing elsewhere stays as it was.
 */
export function toFastifyPlugin<O>(createReceiver: (options: O) => WebhookReceiver<unknown>, name: string): FastifyWebhookPlugin<O> {
  const plugin = async function smsWebhooksPlugin(fastify: FastifyInstance, options: O & FastifyRouteOptions): Promise<void> {
    const { path, ...receiverOptions } = (options ?? {}) as O & FastifyRouteOptions;
    if (typeof path !== 'string' || !path.startsWith('/')) {
      throw new TypeError(`Option "path" must be the webhook route's path, such as '/webhooks/mta' (${name}).`);
    }
    const receiver = createReceiver(receiverOptions as O);

    fastify.removeAllContentTypeParsers();
    // Any content type, and none: the body stays in the request stream for the route to read with its limit.
    fastify.addContentTypeParser('*', (_request: FastifyRequest, _payload: unknown, done: (error: null) => void) => done(null));
    // preClose, not onClose: Fastify's server waits for requests in flight before onClose hooks run, so a stuck
    // handler would hold app.close() forever. Here the receiver's close answers it 503 after closeTimeoutMs.
    fastify.addHook('preClose', async () => {
      await receiver.close();
    });

    fastify.post(path, async (request: FastifyRequest, reply: FastifyReply) => {
      const answer = await receiver.deliver(nodeIncoming(request.raw, request.log, FASTIFY_FIX));
      return reply.code(answer.status).headers(answer.headers).send(answer.body);
    });
  };
  // Shown in Fastify's errors and printPlugins().
  return Object.assign(plugin, { [Symbol.for('fastify.display-name')]: name });
}
