import type { HandlerContext } from './delivery-context.js';
import { buildHandlerTable } from './handlers.js';
import type { Logger } from './logger.js';
import { type ProviderSpec, createPipeline } from './pipeline.js';
import { type WebhookReceiver, toReceiver } from './receiver.js';
import { type ReliabilityOptions, checkReliabilityOptions } from './reliability.js';

export interface ReceiverParts<E extends { type: string }> {
  spec: ProviderSpec<E>;
  /** The provider's event types: the keys `handlers` may have. */
  eventTypes: readonly string[];
  /** The options every receiver shares, as the user gave them. */
  options: ReliabilityOptions<E> & { handlers?: unknown; logger?: Logger };
  limit: number;
  /** Set by the provider's dangerously named option (already announced with a warning). */
  skipVerification: boolean;
  handlerBudgetMs?: number;
}

/** Assembles a provider's receiver: its handlers and shared options checked, the pipeline built. */
export function createReceiver<E extends { type: string }>(parts: ReceiverParts<E>): WebhookReceiver<E> {
  const handlers = buildHandlerTable<HandlerContext>(parts.options.handlers, parts.eventTypes);
  const spec = parts.skipVerification ? { ...parts.spec, authenticate: () => {} } : parts.spec;
  const pipeline = createPipeline({
    spec,
    handlers,
    limit: parts.limit,
    logger: parts.options.logger,
    handlerBudgetMs: parts.handlerBudgetMs,
    reliability: checkReliabilityOptions(parts.options),
  });
  return toReceiver(pipeline);
}
