import { buildHandlerTable } from '../core/handlers.js';
import { headerValue } from '../core/headers.js';
import { checkReliabilityOptions } from '../core/reliability.js';
import { type HandlerContext, type ProviderSpec, createPipeline } from '../core/pipeline.js';
import { type WebhookReceiver, toReceiver } from '../core/receiver.js';
import { HTTPSMS_EVENT_TYPES } from './constants.js';
import type { HttpsmsEvent } from './events.js';
import { type HttpsmsReceiverOptions, checkHttpsmsOptions } from './options.js';
import { parseHttpsmsEvent } from './parse.js';
import { type TokenCheck, toSigningKeys, verifyHttpsmsToken } from './token.js';

export type HttpsmsReceiver = WebhookReceiver<HttpsmsEvent>;

/** The httpSMS pipeline without HTTP: `receive({ rawBody, headers })` verifies, validates and dispatches. */
export function createHttpsmsReceiver(options: HttpsmsReceiverOptions): HttpsmsReceiver {
  const checked = checkHttpsmsOptions(options);
  const handlers = buildHandlerTable<HandlerContext>(options.handlers, HTTPSMS_EVENT_TYPES);
  const tokenCheck: TokenCheck = {
    keys: toSigningKeys(checked.signingKeys),
    audience: checked.audience,
    clockToleranceSeconds: checked.clockToleranceSeconds,
    now: checked.now,
  };

  const spec: ProviderSpec<HttpsmsEvent> = {
    name: 'httpsms',
    authenticate: checked.skipVerification
      ? () => {}
      : ({ headers }) => verifyHttpsmsToken(headerValue(headers, 'authorization'), tokenCheck),
    toEvent: (json, { headers }) => parseHttpsmsEvent(json, eventTypeHeader(headerValue(headers, 'x-event-type'))),
    deliveryKey: (event) => `httpsms:${event.id}`,
    summary: (event) => ({ event: event.type, id: event.id, messageId: event.normalized.messageId }),
    personal: (event) => ({ owner: event.normalized.owner, contact: event.normalized.contact }),
    handoffHints: () => ({}),
  };
  const reliability = checkReliabilityOptions(options);
  const { limit, handlerBudgetMs } = checked;
  return toReceiver(createPipeline({ spec, handlers, limit, logger: options.logger, handlerBudgetMs, reliability }));
}

/** A repeated X-Event-Type header is joined by Node; as a list it can match no single type. */
function eventTypeHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}
