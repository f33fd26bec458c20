// Type-level tests: the types that appear in public signatures are exported too, so that users can name them.
import { expectTypeOf } from 'expect-type';
import type { FixtureOptions, HandlerMap, HeaderLookup, IncomingDelivery, MtaEvent, ProviderDescriptor, ReceiverParts } from '../../src/index';
import type { DeliveryRing, InspectorCore } from '../../src/inspector/index';
import type { JobObserver as MetricsJobObserver, JobStart as MetricsJobStart } from '../../src/metrics/index';
import type { FlatWorkerHandlers, JobObserver, JobStart, WebhookWorkerOptions } from '../../src/queue/index';

expectTypeOf<IncomingDelivery['header']>().toEqualTypeOf<HeaderLookup>();
expectTypeOf<ReturnType<HeaderLookup>>().toEqualTypeOf<string | string[] | undefined>();
expectTypeOf<Parameters<ProviderDescriptor['fixture']>[1]>().toEqualTypeOf<FixtureOptions | undefined>();
expectTypeOf<ReturnType<ProviderDescriptor['receiverParts']>>().toMatchTypeOf<ReceiverParts<{ type: string }>>();
expectTypeOf<HandlerMap<MtaEvent, unknown>>().toHaveProperty('delivery-status');
expectTypeOf<InspectorCore['ring']>().toEqualTypeOf<DeliveryRing>();
expectTypeOf<FlatWorkerHandlers>().toMatchTypeOf<WebhookWorkerOptions['handlers']>();
expectTypeOf<Parameters<NonNullable<JobObserver['jobStarted']>>[0]>().toEqualTypeOf<JobStart>();
expectTypeOf<MetricsJobStart>().toEqualTypeOf<JobStart>();
expectTypeOf<MetricsJobObserver>().toEqualTypeOf<JobObserver>();
