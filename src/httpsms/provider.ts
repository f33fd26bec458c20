import { createDiagnoser } from '../core/diagnosis.js';
import type { ProviderDescriptor, ReceiverParts } from '../core/provider.js';
import { checkExplainOption } from '../core/explain-option.js';
import { singleHeader } from '../core/headers.js';
import { httpsmsFixture } from '../testing/httpsms-fixtures.js';
import { signHttpsmsRequest } from '../testing/httpsms-sign.js';
import { HTTPSMS_EVENT_TYPES, type HttpsmsEventType } from './constants.js';
import type { HttpsmsEvent } from './events.js';
import { type HttpsmsReceiverOptions, checkHttpsmsOptions } from './options.js';
import { parseHttpsmsEvent } from './parse.js';
import { type TokenCheck, toTokenKey, verifyHttpsmsToken } from './token.js';


/** httpSMS: a CloudEvent with an HS256 JWT in Authorization; any status below 400 counts as delivered. */
export const httpsmsProvider: ProviderDescriptor<HttpsmsEvent, HttpsmsReceiverOptions> = {
  name: 'httpsms',
  eventTypes: HTTPSMS_EVENT_TYPES,
  isSuccess: (status) => status >= 200 && status < 400,
  receiverParts,
  revive: (json, job) => parseHttpsmsEvent(json, { event: job.type }),
  fixture: (event, options) => httpsmsFixture(event as HttpsmsEventType, { unique: options?.unique }),
  sign: async (body, key, options) => (await signHttpsmsRequest(body, key, { audience: options?.audience })).headers,
  key: { flag: '--signing-key', env: 'HTTPSMS_SIGNING_KEY' },
};

function receiverParts(options: HttpsmsReceiverOptions): ReceiverParts<HttpsmsEvent> {
  const checked = checkHttpsmsOptions(options);
  const tokenCheck: TokenCheck = {
    keys: checked.signingKeys.map(toTokenKey),
    audience: checked.audience,
    clockToleranceSeconds: checked.clockToleranceSeconds,
    maxTokenAgeSeconds: checked.maxTokenAgeSeconds,
    now: checked.now,
    explain: checkExplainOption(options.explainRejections),
    diagnose: createDiagnoser(options.logger),
  };
  return {
    spec: {
      name: 'httpsms',
      authenticate: ({ header }) => verifyHttpsmsToken(header('authorization'), tokenCheck),
      // A repeated X-Event-Type header, joined, can match no single type.
      toEvent: (json, { header }) => parseHttpsmsEvent(json, { event: singleHeader(header('x-event-type')) }),
      deliveryKey: (event) => `httpsms:${event.id}`,
      summary: (event) => ({ event: event.type, id: event.id, messageId: event.normalized.messageId }),
      personal: (event) => ({ owner: event.normalized.owner, contact: event.normalized.contact }),
      handoffHints: () => ({}),
    },
    limit: checked.limit,
    skipVerification: checked.skipVerification,
    handlerBudgetMs: checked.handlerBudgetMs,
  };
}
