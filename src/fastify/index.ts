// sms-webhooks/fastify: the receivers as encapsulated Fastify plugins (Fastify 5 and 4).
//   app.register(mtaWebhooks, { path: '/webhooks/mta', secret, handlers })
import { createHttpsmsReceiver } from '../httpsms/receiver.js';
import type { HttpsmsReceiverOptions } from '../httpsms/options.js';
import { createMtaReceiver } from '../mta/receiver.js';
import type { MtaReceiverOptions } from '../mta/options.js';
import { type FastifyRouteOptions, type FastifyWebhookPlugin, toFastifyPlugin } from './plugin.js';

export type { FastifyRouteOptions, FastifyWebhookPlugin } from './plugin.js';
export { WebhookError, isWebhookError, ERROR_STATUS, type WebhookErrorCode } from '../core/errors.js';
export type { MtaReceiverOptions, MtaHandlers, MtaHandler } from '../mta/options.js';
export type { HttpsmsReceiverOptions, HttpsmsHandlers } from '../httpsms/options.js';
export type { MtaEvent } from '../mta/events.js';
export type { HttpsmsEvent } from '../httpsms/events.js';
export type { HandlerContext } from '../core/delivery-context.js';

export type MtaFastifyOptions = MtaReceiverOptions & FastifyRouteOptions;
export type HttpsmsFastifyOptions = HttpsmsReceiverOptions & FastifyRouteOptions;

/** Mobile Text Alerts webhooks as a Fastify plugin: `app.register(mtaWebhooks, { path, secret, handlers })`. */
export const mtaWebhooks: FastifyWebhookPlugin<MtaReceiverOptions> = toFastifyPlugin(createMtaReceiver, 'sms-webhooks-mta');

/** httpSMS webhooks as a Fastify plugin: `app.register(httpsmsWebhooks, { path, signingKey, audience, handlers })`. */
export const httpsmsWebhooks: FastifyWebhookPlugin<HttpsmsReceiverOptions> = toFastifyPlugin(
  createHttpsmsReceiver,
  'sms-webhooks-httpsms',
);
