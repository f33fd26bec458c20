/** One delivery being handled, as close() sees it. */
export interface InFlightEntry {
  /** Answers the delivery now with 503 receiver.closing (set by whoever owns the answer). */
  force?: () => void;
  /** It was answered by force: whatever its steps do after, the provider saw a 503. */
  forced?: boolean;
  /** Gives its de-duplication claim back, once it holds one, so that the provider's retry runs it. */
  release?: () => void | Promise<void>;
}

/**
 * The deliveries a receiver is handling, from the first byte to the answer, so that close() can wait for them
 * and, when they do not finish in time, answer them and give their claims back.
 */
export class InFlight {
  #entries = new Set<InFlightEntry>();
  #idle: (() => void) | undefined;

  get size(): number {
    return this.#entries.size;
  }

  enter(): InFlightEntry {
    const entry: InFlightEntry = {};
    this.#entries.add(entry);
    return entry;
  }

  leave(entry: InFlightEntry): void {
    this.#entries.delete(entry);
    if (this.#entries.size === 0) this.#idle?.();
  }

  /**
   * Waits for everything in flight, up to `timeoutMs`; then answers what is left (503) and releases its claims.
   * Returns how many were left.
   */
  async drain(timeoutMs: number): Promise<number> {
    if (this.#entries.size > 0) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await new Promise<void>((resolve) => {
        this.#idle = resolve;
        timer = setTimeout(resolve, timeoutMs);
      });
      clearTimeout(timer);
      this.#idle = undefined;
    }
    const left = [...this.#entries];
    for (const entry of left) entry.force?.();
    await Promise.allSettled(left.map(async (entry) => entry.release?.()));
    return left.length;
  }
}
