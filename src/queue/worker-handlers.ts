import type { HandlerContext } from '../core/delivery-context.js';
import { type HandlerMap, type HandlerTable, buildHandlerTable } from '../core/handlers.js';
import type { HttpsmsEvent } from '../httpsms/events.js';
import type { MtaEvent } from '../mta/events.js';
import type { HttpsmsHandlers } from '../httpsms/options.js';
import type { MtaHandlers } from '../mta/options.js';
import { PROVIDERS } from '../providers.js';

/** A worker's handlers, keyed by provider and then by event type, so that two providers may share an event name. */
export interface WorkerHandlers {
  mta?: MtaHandlers;
  httpsms?: HttpsmsHandlers;
}

/** @deprecated The 0.1 shape: handlers keyed by event type alone. Key them by provider (WorkerHandlers). */
export type FlatWorkerHandlers = HandlerMap<MtaEvent | HttpsmsEvent, HandlerContext>;

const PROVIDER_NAMES: readonly string[] = PROVIDERS.map((provider) => provider.name);

/**
 * One handler table per provider, checked once. A flat map keyed by event type (the 0.1 shape) still works:
 * each key goes to the provider that has that event.
 */
export function buildWorkerTables(handlers: unknown): ReadonlyMap<string, HandlerTable<HandlerContext>> {
  if (typeof handlers !== 'object' || handlers === null || Array.isArray(handlers)) {
    throw new TypeError('Option "handlers" must be an object keyed by provider: { mta: { … }, httpsms: { … } }.');
  }
  const keys = Object.keys(handlers);
  const byProvider = keys.every((key) => PROVIDER_NAMES.includes(key)) ? (handlers as Record<string, unknown>) : fromFlat(handlers as Record<string, unknown>);
  const tables = new Map<string, HandlerTable<HandlerContext>>();
  for (const provider of PROVIDERS) {
    tables.set(provider.name, buildHandlerTable<HandlerContext>(byProvider[provider.name], provider.eventTypes, `handlers.${provider.name}`));
  }
  return tables;
}

function fromFlat(flat: Record<string, unknown>): Record<string, Record<string, unknown>> {
  const grouped: Record<string, Record<string, unknown>> = {};
  for (const [type, handler] of Object.entries(flat)) {
    const provider = PROVIDERS.find((candidate) => candidate.eventTypes.includes(type));
    if (!provider) {
      throw new TypeError(`Option "handlers" has an unknown key "${type}"; key handlers by provider: ${PROVIDER_NAMES.join(', ')}.`);
    }
    (grouped[provider.name] ??= {})[type] = handler;
  }
  return grouped;
}
