import { WebhookError } from '../core/errors.js';
import { createDiagnoser } from '../core/diagnosis.js';
import { checkExplainOption, explained } from '../core/explain-option.js';
import { createHexHmacVerifier, signHexHmac } from '../core/hmac.js';
import type { Delivery, ProviderDescriptor, ReceiverParts } from '../core/provider.js';
import { mtaFixture } from '../testing/mta-fixtures.js';
import { MTA_EVENT_TYPES, type MtaEventType, type MtaVersion } from './constants.js';
import { mtaDeliveryKey } from './delivery-key.js';
import { diagnoseMtaSignature } from './diagnose.js';
import type { MtaEvent } from './events.js';
import { type MtaReceiverOptions, checkMtaOptions } from './options.js';
import type { OptOutKeywords } from './opt-out.js';
import { parseMtaEvent } from './parse.js';

/** Mobile Text Alerts: X-Signature = hex HMAC-SHA256 of the raw body; only an HTTP 200 counts as delivered. */
export const mtaProvider: ProviderDescriptor<MtaEvent, MtaReceiverOptions> = {
  name: 'mta',
  eventTypes: MTA_EVENT_TYPES,
  isSuccess: (status) => status === 200,
  receiverParts,
  // The worker re-validates the body pinned to the event (and version) the receiver found: the same event.
  revive: (json, job) =>
    parseMtaEvent(json, {
      event: job.type as MtaEventType,
      version: job.hints.version as MtaVersion | undefined,
      optOutKeywords: job.hints.optOutKeywords as OptOutKeywords | undefined,
    }),
  fixture: (event, options) => mtaFixture(event as MtaEventType, { version: options?.version as MtaVersion | undefined, unique: options?.unique }),
  sign: async (body, key) => ({ 'Content-Type': 'application/json', 'X-Signature': await signHexHmac(body, key) }),
  key: { flag: '--secret', env: 'MTA_WEBHOOK_SECRET' },
};

function receiverParts(options: MtaReceiverOptions): ReceiverParts<MtaEvent> {
  const checked = checkMtaOptions(options);
  const verifier = createHexHmacVerifier(checked.secrets);
  const pinned = { event: checked.event, version: checked.version, optOutKeywords: checked.optOutKeywords };
  const explain = checkExplainOption(options.explainRejections);
  // Only a refused delivery pays for the diagnosis, and only so many a second (see createDiagnoser).
  const diagnose = createDiagnoser(options.logger);
  const refuse = (rawBody: Uint8Array, signature: string | string[]): Promise<never> =>
    diagnose(() => diagnoseMtaSignature(rawBody, signature, checked.secrets)).then((diagnosis) => Promise.reject(invalid(diagnosis, explain)));
  const authenticate = ({ rawBody, header }: Delivery): void | Promise<void> => {
    const signature = header('x-signature');
    if (signature === undefined || signature === '') throw missing();
    // Two X-Signature headers (a proxy added one) can match no single signature.
    if (typeof signature !== 'string') return refuse(rawBody, signature);
    const verified = verifier.verify(rawBody, signature);
    if (verified === true) return;
    if (verified === false) return refuse(rawBody, signature);
    return verified.then((ok) => (ok ? undefined : refuse(rawBody, signature)));
  };
  return {
    spec: {
      name: 'mta',
      authenticate,
      toEvent: (json) => parseMtaEvent(json, pinned),
      deliveryKey: (event, delivery) => mtaDeliveryKey(event, delivery.rawBody),
      summary: (event) => ({
        event: event.type,
        version: event.version,
        messageId: 'messageId' in event.normalized ? event.normalized.messageId : undefined,
      }),
      personal: (event) => ({ to: event.normalized.to, from: event.normalized.from }),
      // The worker re-validates the body pinned to the event (and version) found here, with the same opt-out
      // keywords, so it gets the same event.
      handoffHints: () => (checked.optOutKeywords ? { version: checked.version, optOutKeywords: checked.optOutKeywords } : { version: checked.version }),
    },
    limit: checked.limit,
    skipVerification: checked.skipVerification,
  };
}

function missing(): WebhookError {
  return new WebhookError(
    'signature.missing',
    'The X-Signature header is missing: MTA signs every webhook; is this request from Mobile Text Alerts?',
  );
}

function invalid(diagnosis: string, explain: boolean): WebhookError {
  const message =
    'The X-Signature header does not match the body: check the webhook secret, and that nothing changed the ' +
    'body bytes before this route.';
  return new WebhookError('signature.invalid', explained(message, diagnosis, explain), { diagnosis });
}
