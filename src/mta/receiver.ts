import { createReceiver } from '../core/create-receiver.js';
import type { WebhookReceiver } from '../core/receiver.js';
import type { MtaEvent } from './events.js';
import type { MtaReceiverOptions } from './options.js';
import { mtaProvider } from './provider.js';

export type MtaReceiver = WebhookReceiver<MtaEvent>;

/** The MTA flow without HTTP: `receive({ rawBody, headers })` verifies, validates and dispatches. */
export function createMtaReceiver(options: MtaReceiverOptions): MtaReceiver {
  return createReceiver(mtaProvider, options);
}
