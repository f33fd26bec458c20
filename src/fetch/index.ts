// sms-webhooks/fetch: the receivers as Fetch handlers, for Next.js, Hono, Bun, Deno and Cloudflare Workers.
// Nothing this entry loads imports a node:* module or uses Buffer: it runs on workerd without nodejs_compat.
import { createHttpsmsReceiver } from '../httpsms/receiver.js';
import type { HttpsmsReceiverOptions } from '../httpsms/options.js';
import { createMtaReceiver } from '../mta/receiver.js';
import type { MtaReceiverOptions } from '../mta/options.js';
import { type FetchWebhookHandler, toFetchHandler } from './adapter.js';

export type { FetchWebhookHandler } from './adapter.js';
export { WebhookError, isWebhookError, ERROR_STATUS, type WebhookErrorCode } from '../core/errors.js';
export type { MtaReceiverOptions, MtaHandlers, MtaHandler } from '../mta/options.js';
export type { HttpsmsReceiverOptions, HttpsmsHandlers } from '../httpsms/options.js';
export type { MtaEvent } from '../mta/events.js';
export type { HttpsmsEvent } from '../httpsms/events.js';
export type { HandlerContext } from '../core/delivery-context.js';

/** `export const POST = mtaWebhooks({ secret, handlers })` in a Next.js route; `app.post(path, (c) => handler(c.req.raw, c))` in Hono. */
export function mtaWebhooks(options: MtaReceiverOptions): FetchWebhookHandler {
  return toFetchHandler(createMtaReceiver(options));
}

/** The httpSMS receiver as a Fetch handler (see mtaWebhooks). */
export function httpsmsWebhooks(options: HttpsmsReceiverOptions): FetchWebhookHandler {
  return toFetchHandler(createHttpsmsReceiver(options));
}
