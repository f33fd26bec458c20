/**
 * A value to await: a native promise, or any object with a `then` method (a Bluebird promise, a knex or mongoose
 * query). Awaiting such a query is what runs it, so a handler that returns one must be awaited, not skipped.
 */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value instanceof Promise ||
    ((typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function')
  );
}
