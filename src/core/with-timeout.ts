/**
 * Rejects with `message` when `work` has not settled within `ms`. A client that waits for a server without end
 * (ioredis and BullMQ do, while Redis is down) must not hold up a provider's delivery past its answer.
 *
 * Only the waiting stops: `work` itself goes on, and may still take effect later. Callers whose work leaves
 * something behind (a claim) keep watching `work` and undo it when it lands.
 */
export function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
    // Bounding a wait is no reason to keep a process alive (Node only; other runtimes have no unref).
    (timer as { unref?: () => void }).unref?.();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
