import { createReceiver } from '../core/create-receiver.js';
import type { WebhookReceiver } from '../core/receiver.js';
import type { HttpsmsEvent } from './events.js';
import type { HttpsmsReceiverOptions } from './options.js';
import { httpsmsProvider } from './provider.js';

export type HttpsmsReceiver = WebhookReceiver<HttpsmsEvent>;

/** The httpSMS flow without HTTP: `receive({ rawBody, headers })` verifies, validates and dispatches. */
export function createHttpsmsReceiver(options: HttpsmsReceiverOptions): HttpsmsReceiver {
  return createReceiver(httpsmsProvider, options);
}
