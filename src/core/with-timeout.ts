/**
 * Rejects with `failure` (a message, or the error to reject with) when `work` has not settled within `ms`. A
 * client that waits for a server without end (ioredis and BullMQ do, while Redis is down) must not hold up a
 * provider's delivery past its answer; neither may a body that trickles in.
 *
 * Only the waiting stops: `work` itself goes on, and may still take effect later. Callers whose work leaves
 * something behind (a claim) keep watching `work` and undo it when it lands.
 *
 * The timer does not keep a Node process alive (a store client's own socket does, while it waits), unless
 * `keepAlive`: a wait with nothing else holding the process (a body promise from a custom adapter) would otherwise
 * end with the process, unanswered and unlogged, instead of with the failure.
 */
export function withTimeout<T>(work: PromiseLike<T>, ms: number, failure: string | (() => Error), keepAlive = false): Promise<T> {
  // One promise and one timer, no Promise.race: the body deadline runs for every delivery.
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(typeof failure === 'string' ? new Error(failure) : failure()), ms);
    // Node only; other runtimes have no unref.
    if (!keepAlive) (timer as { unref?: () => void }).unref?.();
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
