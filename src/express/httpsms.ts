import { createHttpsmsReceiver } from '../httpsms/receiver.js';
import type { HttpsmsReceiverOptions } from '../httpsms/options.js';
import { type WebhookRequestHandler, toRequestHandler } from './adapter.js';

/**
 * An Express route for httpSMS webhooks:
 * `app.post('/webhooks/httpsms', httpsmsWebhooks({ signingKey, audience, handlers: { 'message.phone.received': … } }))`.
 * Like mtaWebhooks, it reads the raw body itself (or reuses bytes kept by rawBodySaver).
 */
export function httpsmsWebhooks(options: HttpsmsReceiverOptions): WebhookRequestHandler {
  return toRequestHandler(createHttpsmsReceiver(options));
}
