import { deliver, succeeded, type Outcome, type Target } from './deliver.js';
import type { CliIo } from './io.js';

/**
 * Sends `count` deliveries with `concurrency` in flight, shows progress on a terminal, and prints a summary of
 * statuses and latencies. Returns how many were not accepted.
 */
export async function sendMany(io: CliIo, target: Target, nextBody: () => Promise<string>, count: number, concurrency: number): Promise<number> {
  const outcomes: Outcome[] = [];
  const started = performance.now();
  let issued = 0;
  const progress = io.stderr.isTTY ? (done: number) => io.stderr.write(`\r${bar(done, count)} ${done}/${count}`) : () => {};

  async function worker(): Promise<void> {
    while (issued < count) {
      issued += 1;
      outcomes.push(await deliver(target, await nextBody()));
      if (outcomes.length % 25 === 0 || outcomes.length === count) progress(outcomes.length);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  if (io.stderr.isTTY) io.stderr.write('\n');

  const seconds = (performance.now() - started) / 1000;
  const statuses = new Map<string, number>();
  for (const outcome of outcomes) {
    const label = outcome.error ? `no answer (${outcome.error})` : String(outcome.status);
    statuses.set(label, (statuses.get(label) ?? 0) + 1);
  }
  const latencies = outcomes.map((outcome) => outcome.ms).sort((a, b) => a - b);
  const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
  io.stdout.write(`Sent ${count} deliveries in ${seconds.toFixed(2)} s (${(count / seconds).toFixed(0)}/s), concurrency ${concurrency}\n`);
  for (const [label, times] of [...statuses].sort()) io.stdout.write(`  ${label}: ${times}\n`);
  io.stdout.write(`latency p50 ${pick(0.5)} ms, p99 ${pick(0.99)} ms, max ${pick(1)} ms\n`);
  return outcomes.filter((outcome) => !succeeded(target.provider, outcome)).length;
}

function bar(done: number, total: number): string {
  const filled = Math.round((done / total) * 30);
  return `[${'#'.repeat(filled)}${'.'.repeat(30 - filled)}]`;
}
