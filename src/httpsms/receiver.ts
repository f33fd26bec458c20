import { headerValue } from '../core/headers.js';
import { createReceiver } from '../core/create-receiver.js';
import type { ProviderSpec } from '../core/pipeline.js';
import type { WebhookReceiver } from '../core/receiver.js';
import { HTTPSMS_EVENT_TYPES } from './constants.js';
import type { HttpsmsEvent } from './events.js';
import { type HttpsmsReceiverOptions, checkHttpsmsOptions } from './options.js';
import { parseHttpsmsEvent } from './parse.js';
import { type TokenCheck, toTokenKey, verifyHttpsmsToken } from './token.js';

export type HttpsmsReceiver = WebhookReceiver<HttpsmsEvent>;

/** The httpSMS pipeline without HTTP: `receive({ rawBody, headers })` verifies, validates and dispatches. */
export function createHttpsmsReceiver(options: HttpsmsReceiverOptions): HttpsmsReceiver {
  const checked = checkHttpsmsOptions(options);
  const tokenCheck: TokenCheck = {
    keys: checked.signingKeys.map(toTokenKey),
    audience: checked.audience,
    clockToleranceSeconds: checked.clockToleranceSeconds,
    maxTokenAgeSeconds: checked.maxTokenAgeSeconds,
    now: checked.now,
  };
  const spec: ProviderSpec<HttpsmsEvent> = {
    name: 'httpsms',
    authenticate: ({ headers }) => verifyHttpsmsToken(headerValue(headers, 'authorization'), tokenCheck),
    toEvent: (json, { headers }) => parseHttpsmsEvent(json, eventTypeHeader(headerValue(headers, 'x-event-type'))),
    deliveryKey: (event) => `httpsms:${event.id}`,
    summary: (event) => ({ event: event.type, id: event.id, messageId: event.normalized.messageId }),
    personal: (event) => ({ owner: event.normalized.owner, contact: event.normalized.contact }),
    handoffHints: () => ({}),
  };
  const { limit, skipVerification, handlerBudgetMs } = checked;
  return createReceiver({ spec, eventTypes: HTTPSMS_EVENT_TYPES, options, limit, skipVerification, handlerBudgetMs });
}

/** A repeated X-Event-Type header is joined by Node; as a list it can match no single type. */
function eventTypeHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}
