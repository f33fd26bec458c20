/**
 * The deliveries a receiver is handling, so that close() can wait for them. Each entry knows how to give its
 * claim back if it cannot finish in time.
 */
export class InFlight {
  #entries = new Map<Promise<unknown>, () => Promise<void>>();

  get size(): number {
    return this.#entries.size;
  }

  track<T>(work: Promise<T>, release: () => Promise<void>): Promise<T> {
    this.#entries.set(work, release);
    const forget = () => this.#entries.delete(work);
    work.then(forget, forget);
    return work;
  }

  /** Waits for everything in flight, up to `timeoutMs`; then releases what is left. Returns how many were left. */
  async drain(timeoutMs: number): Promise<number> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const all = Promise.allSettled([...this.#entries.keys()]);
    const result = await Promise.race([all, timedOut]);
    clearTimeout(timer);
    if (result !== 'timeout') return 0;
    const left = [...this.#entries.values()];
    await Promise.allSettled(left.map((release) => release()));
    return left.length;
  }
}
