/**
 * Runs `attempt` until it resolves, in the background: after each rejection it waits `delayMs` and tries again,
 * until `forMs` have passed. For writes that must land even when Redis is down at the moment they are made (a
 * claim given back, a key marked done), and that are safe to repeat. `onGiveUp` hears of the last failure, so
 * that a write that never landed is not silent. Returns the first attempt, for the caller to wait on (or not).
 */
export function keepTrying<T>(attempt: () => Promise<T>, delayMs: number, forMs: number, onGiveUp: (error: unknown) => void): Promise<T> {
  const giveUpAt = Date.now() + forMs;
  const first = safely(attempt);
  const retryOnFailure = (landing: Promise<T>) =>
    landing.catch((error: unknown) => {
      // Told once, when the last attempt failed: until then a retry may still land.
      if (Date.now() + delayMs > giveUpAt) return onGiveUp(error);
      const timer = setTimeout(() => void retryOnFailure(safely(attempt)), delayMs);
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
