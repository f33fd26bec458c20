import { WebhookError } from '../core/errors.js';
import { headerValue } from '../core/headers.js';
import { createReceiver } from '../core/create-receiver.js';
import type { Delivery, ProviderSpec } from '../core/pipeline.js';
import type { WebhookReceiver } from '../core/receiver.js';
import { type HmacKey, toHmacKey, verifyHexHmac } from '../core/signature.js';
import { MTA_EVENT_TYPES } from './constants.js';
import { mtaDeliveryKey } from './delivery-key.js';
import type { MtaEvent } from './events.js';
import { type MtaReceiverOptions, checkMtaOptions } from './options.js';
import { parseMtaEvent } from './parse.js';

export type MtaReceiver = WebhookReceiver<MtaEvent>;

/** The MTA pipeline without HTTP: `receive({ rawBody, headers })` verifies, validates and dispatches. */
export function createMtaReceiver(options: MtaReceiverOptions): MtaReceiver {
  const checked = checkMtaOptions(options);
  const keys = checked.secrets.map(toHmacKey);
  const pinned = { event: checked.event, version: checked.version, optOutKeywords: checked.optOutKeywords };
  const spec: ProviderSpec<MtaEvent> = {
    name: 'mta',
    authenticate: (delivery) => authenticate(delivery, keys),
    toEvent: (json) => parseMtaEvent(json, pinned),
    deliveryKey: (event, delivery) => mtaDeliveryKey(event, delivery.rawBody),
    summary: (event) => ({
      event: event.type,
      version: event.version,
      messageId: 'messageId' in event.normalized ? event.normalized.messageId : undefined,
    }),
    personal: (event) => ({ to: event.normalized.to, from: event.normalized.from }),
    // The worker re-validates the body pinned to the event (and version) found here, and with the same opt-out
    // keywords, so it gets the same event.
    handoffHints: () => (checked.optOutKeywords ? { version: checked.version, optOutKeywords: checked.optOutKeywords } : { version: checked.version }),
  };
  const { limit, skipVerification } = checked;
  return createReceiver({ spec, eventTypes: MTA_EVENT_TYPES, options, limit, skipVerification });
}

function authenticate({ rawBody, headers }: Delivery, keys: readonly HmacKey[]): void {
  const header = headerValue(headers, 'x-signature');
  if (header === undefined || header === '') {
    throw new WebhookError(
      'signature.missing',
      'The X-Signature header is missing: MTA signs every webhook; is this request from Mobile Text Alerts?',
    );
  }
  if (typeof header !== 'string' || !verifyHexHmac(rawBody, header, keys)) {
    throw new WebhookError(
      'signature.invalid',
      'The X-Signature header does not match the body: check the webhook secret, and that nothing changed the ' +
        'body bytes before this route.',
    );
  }
}
