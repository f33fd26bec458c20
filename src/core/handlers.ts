import { isThenable } from './thenable.js';

/** A typed event handler. It may be async (or return any thenable); the delivery is answered after it settles. */
export type Handler<E, C> = (event: E, context: C) => unknown;

/** Handlers keyed by event type; each key takes one handler or a list, run in order. */
export type HandlerMap<E extends { type: string }, C> = {
  [T in E['type']]?: Handler<Extract<E, { type: T }>, C> | ReadonlyArray<Handler<Extract<E, { type: T }>, C>>;
};

export type HandlerTable<C> = ReadonlyMap<string, ReadonlyArray<Handler<never, C>>>;

/**
 * Checks a handler map once, at construction: every key must be an event type of the provider and every value a
 * function (or a list of functions). A typo such as 'delivery_status' would otherwise be silently never called.
 */
export function buildHandlerTable<C>(
  handlers: unknown,
  eventTypes: readonly string[],
  optionName = 'handlers',
): HandlerTable<C> {
  const table = new Map<string, Array<Handler<never, C>>>();
  if (handlers === undefined) return table;
  if (typeof handlers !== 'object' || handlers === null || Array.isArray(handlers)) {
    throw new TypeError(`Option "${optionName}" must be an object keyed by event type.`);
  }
  for (const [type, value] of Object.entries(handlers)) {
    if (!eventTypes.includes(type)) {
      throw new TypeError(`Option "${optionName}" has an unknown event type "${type}"; known: ${eventTypes.join(', ')}.`);
    }
    const list: unknown[] = Array.isArray(value) ? value : [value];
    if (list.some((handler) => typeof handler !== 'function')) {
      throw new TypeError(`Option "${optionName}.${type}" must be a function or a list of functions.`);
    }
    if (list.length > 0) table.set(type, list as Array<Handler<never, C>>);
  }
  return table;
}

/**
 * Runs an event's handlers one after another; the first one to throw stops the rest and fails the delivery.
 * Returns how many ran, synchronously while the handlers return plain values, so that they cost no turn of the
 * event loop; from the first handler that returns a thenable on, it continues asynchronously and awaits each.
 */
export function runHandlers<E extends { type: string }, C>(table: HandlerTable<C>, event: E, context: C): number | Promise<number> {
  const list = table.get(event.type);
  if (!list) return 0;
  for (let index = 0; index < list.length; index += 1) {
    const result = (list[index] as Handler<E, C>)(event, context);
    if (isThenable(result)) return finish(list as ReadonlyArray<Handler<E, C>>, index, result, event, context);
  }
  return list.length;
}

async function finish<E, C>(list: ReadonlyArray<Handler<E, C>>, index: number, pending: PromiseLike<unknown>, event: E, context: C): Promise<number> {
  await pending;
  for (let next = index + 1; next < list.length; next += 1) await list[next]!(event, context);
  return list.length;
}
