/**
 * Runs `attempt` until it resolves, in the background: after each rejection it waits `delayMs` and tries again,
 * until `forMs` have passed. For writes that must land even when Redis is down at the moment they are made (a
 * claim given back, a key marked done), and that are safe to repeat. Returns the first attempt, for the caller
 * to wait on (or not).
 */
export function keepTrying<T>(attempt: () => Promise<T>, delayMs: number, forMs: number): Promise<T> {
  const giveUpAt = Date.now() + forMs;
  const first = safely(attempt);
  const retryOnFailure = (landing: Promise<T>) =>
    landing.catch(() => {
      if (Date.now() + delayMs > giveUpAt) return;
      const timer = setTimeout(() => retryOnFailure(safely(attempt)), delayMs);
      // A retry in the background must not keep a process alive that is otherwise done (Node only).
      (timer as { unref?: () => void }).unref?.();
    });
  void retryOnFailure(first);
  return first;
}

function safely<T>(attempt: () => Promise<T>): Promise<T> {
  try {
    return attempt();
  } catch (error) {
    return Promise.reject(error);
  }
}
