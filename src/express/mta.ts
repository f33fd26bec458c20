import { createMtaReceiver } from '../mta/receiver.js';
import type { MtaReceiverOptions } from '../mta/options.js';
import { type WebhookRequestHandler, toRequestHandler } from './adapter.js';

/**
 * An Express route for Mobile Text Alerts webhooks:
 * `app.post('/webhooks/mta', mtaWebhooks({ secret, handlers: { 'delivery-status': async (event) => {} } }))`.
 * It reads and verifies the raw body itself, so mount it before any global `express.json()`, or give that
 * parser `verify: rawBodySaver`.
 */
export function mtaWebhooks(options: MtaReceiverOptions): WebhookRequestHandler {
  return toRequestHandler(createMtaReceiver(options));
}
