// Public API of sms-webhooks. Everything exported here is covered by semver.

export { WebhookError, isWebhookError, ERROR_STATUS, type WebhookErrorCode } from './core/errors.js';
export type { HandlerContext } from './core/delivery-context.js';
export type { ReceiveInput, WebhookReceiver } from './core/receiver.js';
export type { Answer } from './core/answer.js';
export type { IncomingDelivery } from './core/flow.js';
export type { HeaderLookup } from './core/headers.js';
export type { HandlerMap } from './core/handlers.js';
export type { ProviderDescriptor, ReceiverParts, FixtureOptions } from './core/provider.js';
export type { DeliveryObserver, DeliveryReport, DeliveryOutcome } from './core/observe.js';
export type { Logger } from './core/logger.js';

export { rawBodySaver } from './express/raw-body-saver.js';
export type { WebhookRequestHandler } from './express/adapter.js';

export { mtaWebhooks } from './express/mta.js';
export { createMtaReceiver, type MtaReceiver } from './mta/receiver.js';
export type {
  MtaReceiverOptions,
  MtaReceiverBaseOptions,
  MtaSecretOptions,
  MtaHandlers,
  MtaHandler,
  MtaDeliveryStatusHandler,
  MtaMessageReplyHandler,
  MtaMessageSendHandler,
  MtaNumberOptInHandler,
} from './mta/options.js';
export { signMtaPayload, verifyMtaSignature } from './mta/signature.js';
export { parseMtaEvent, type ParseMtaEventOptions } from './mta/parse.js';
export { MTA_OPT_OUT_KEYWORDS, type OptOutKeywords } from './mta/opt-out.js';
export { MTA_NORMALIZED_SOURCES, type MtaNormalizedSource } from './mta/normalized-sources.js';
export { mtaDeliveryKey } from './mta/delivery-key.js';
export {
  MTA_EVENT_TYPES,
  MTA_VERSIONS,
  MTA_DELIVERY_STATUS,
  MTA_OPT_IN_TYPES,
  deliveryStatusName,
  type MtaEventType,
  type MtaVersion,
  type MtaDeliveryStatusName,
  type MtaOptInType,
} from './mta/constants.js';
export type * from './mta/events.js';
export { mtaSchemas } from './mta/schemas/public.js';
export type * from './mta/schemas/public.js';

export { httpsmsWebhooks } from './express/httpsms.js';
export { createHttpsmsReceiver, type HttpsmsReceiver } from './httpsms/receiver.js';
export type { HttpsmsReceiverOptions, HttpsmsReceiverBaseOptions, HttpsmsSigningKeyOptions, HttpsmsHandlers } from './httpsms/options.js';
export { parseHttpsmsEvent, type ParseHttpsmsEventOptions } from './httpsms/parse.js';
export { HTTPSMS_EVENT_TYPES, HTTPSMS_ISSUER, HTTPSMS_TIMEOUT_MS, type HttpsmsEventType } from './httpsms/constants.js';
export type * from './httpsms/events.js';
export type * from './httpsms/schemas.js';

export { createMemoryStore, type MemoryStore, type MemoryStoreOptions } from './core/store/memory-store.js';
export { createRedisStore, type RedisStoreOptions, type RedisEvalClient } from './core/store/redis-store.js';
export type { DeliveryStore, ClaimOutcome } from './core/store/store.js';
export type { ReliabilityOptions, DedupeOptions } from './core/reliability.js';
export type { DeliveryHandoff, HandoffJob } from './core/handoff.js';

export {
  createStatusTracker,
  createMemoryStatusStore,
  createRedisStatusStore,
  MTA_STATUS_PRECEDENCE,
  HTTPSMS_STATUS_PRECEDENCE,
  HTTPSMS_STATUS_NAMES,
  isStatusEvent,
  decideStatus,
} from './status/index.js';
export type * from './status/index.js';

export { createMtaClient, MTA_API_BASE_URL, type MtaClient, type MtaClientOptions } from './api/client.js';
export { MtaApiError, type MtaApiErrorKind } from './api/errors.js';
export type { MtaWebhook, MtaWebhookPage, RegisterWebhookFields, UpdateWebhookFields } from './api/schemas.js';
