/**
 * A provider that delivers like MTA: each delivery is POSTed until it gets a 200, at most 1 + `retries` times,
 * with exponential backoff (scaled down to milliseconds). Some events are also delivered twice at the same time,
 * as happens when an answer is lost. Loopback only, bounded in count.
 */
export interface SimulationOptions {
  /** Receiver URLs; attempts go round them (instances behind a load balancer). */
  urls: string[];
  bodies: Array<{ body: string; headers: Record<string, string> }>;
  /** Share of events also sent as a second, concurrent delivery. */
  duplicateShare: number;
  retries: number;
  backoffMs: number;
  concurrency: number;
  /** Told of every answer (0: no answer), e.g. to time faults by progress rather than by the clock. */
  onAnswer?: (status: number) => void;
}

export interface SimulationResult {
  deliveries: number;
  requests: number;
  /** Deliveries that never got a 200: the provider gave up on them. */
  gaveUp: number;
  /** The events of those deliveries (indexes into `bodies`). */
  gaveUpOn: number[];
  statuses: Record<string, number>;
}

export async function simulateProvider(options: SimulationOptions): Promise<SimulationResult> {
  const queue: number[] = [];
  options.bodies.forEach((_body, index) => {
    queue.push(index);
    // Deterministic choice of the duplicated events: every (1 / share)-th one.
    if (index % Math.round(1 / options.duplicateShare) === 0) queue.push(index);
  });
  const result: SimulationResult = { deliveries: queue.length, requests: 0, gaveUp: 0, gaveUpOn: [], statuses: {} };
  let next = 0;
  let turn = 0;

  async function deliver(index: number): Promise<void> {
    const { body, headers } = options.bodies[index]!;
    for (let attempt = 0; attempt <= options.retries; attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, options.backoffMs * 2 ** (attempt - 1)));
      const url = options.urls[turn++ % options.urls.length]!;
      result.requests += 1;
      let status = 0;
      try {
        status = (await fetch(url, { method: 'POST', headers, body })).status;
      } catch {
        status = 0;
      }
      result.statuses[status] = (result.statuses[status] ?? 0) + 1;
      options.onAnswer?.(status);
      if (status === 200) return;
    }
    result.gaveUp += 1;
    result.gaveUpOn.push(index);
  }

  async function worker(): Promise<void> {
    while (next < queue.length) {
      const index = queue[next++]!;
      // The duplicate of an event goes out right beside it.
      if (queue[next] === index) {
        next += 1;
        await Promise.all([deliver(index), deliver(index)]);
      } else {
        await deliver(index);
      }
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return result;
}
