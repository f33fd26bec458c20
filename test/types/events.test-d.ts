// Type-level tests: checked by `npm run typecheck` (tsc), never run. Each `@ts-expect-error` pins a mistake the
// compiler must catch; it fails the typecheck if the line ever compiles.
import { expectTypeOf } from 'expect-type';
import {
  type HttpsmsEventOf,
  type HttpsmsHeartbeatNormalized,
  type HttpsmsMessageReceivedHandler,
  type MtaDeliveryStatusHandler,
  type MtaEvent,
  type MtaEventOf,
  type MtaMessageReplyPayloadV1,
  type MtaMessageReplyPayloadV3,
  httpsmsWebhooks,
  mtaWebhooks,
} from '../../src/index';

// Handler parameters narrow per event, for both providers.
mtaWebhooks({
  secret: 's',
  handlers: {
    'delivery-status': (event) => {
      expectTypeOf(event.type).toEqualTypeOf<'delivery-status'>();
      expectTypeOf(event.normalized.status.code).toEqualTypeOf<number>();
    },
    'message-reply': [(event) => expectTypeOf(event.normalized.isOptOut).toEqualTypeOf<boolean>()],
  },
});
httpsmsWebhooks({
  signingKey: 'k',
  handlers: {
    'phone.heartbeat.online': (event) => expectTypeOf(event.normalized).toEqualTypeOf<HttpsmsHeartbeatNormalized>(),
    'message.phone.received': (event) => expectTypeOf(event.payload.content).toEqualTypeOf<string>(),
  },
});

// The per-event aliases follow one pattern on both sides.
expectTypeOf<Parameters<MtaDeliveryStatusHandler>[0]>().toEqualTypeOf<MtaEventOf<'delivery-status'>>();
expectTypeOf<Parameters<HttpsmsMessageReceivedHandler>[0]>().toEqualTypeOf<HttpsmsEventOf<'message.phone.received'>>();

// `version` narrows the payload.
declare const reply: MtaEventOf<'message-reply'>;
if (reply.version === 3) expectTypeOf(reply.payload).toEqualTypeOf<MtaMessageReplyPayloadV3>();
if (reply.version === 1) expectTypeOf(reply.payload).toEqualTypeOf<MtaMessageReplyPayloadV1>();

// A misspelled payload field is an error, not `unknown`; a field a provider added later is read after `in`.
if (reply.version === 1) {
  // @ts-expect-error -- isOptOutMesage is misspelled
  void reply.payload.isOptOutMesage;
  expectTypeOf(reply.payload.isOptOutMessage).toEqualTypeOf<boolean>();
  if ('carrier' in reply.payload) expectTypeOf(reply.payload.carrier).toEqualTypeOf<unknown>();
}
declare const event: MtaEvent;
// @ts-expect-error -- normalized has no such field either
void event.normalized.messageID;

// Handlers are keyed by known event types only.
// @ts-expect-error -- 'delivery_status' is not an MTA event
mtaWebhooks({ secret: 's', handlers: { delivery_status: () => {} } });
// @ts-expect-error -- an httpSMS handler cannot be given to the MTA receiver
mtaWebhooks({ secret: 's', handlers: { 'message.phone.received': () => {} } });
