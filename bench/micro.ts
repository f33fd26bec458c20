import { createHmac } from 'node:crypto';
import { createMtaReceiver } from 'sms-webhooks';
import { BENCH_SECRET, type BenchDelivery } from './deliveries.js';

const BLOCKS = Number(process.env.BENCH_MICRO_BLOCKS ?? 30);
const BLOCK_SIZE = Number(process.env.BENCH_MICRO_BLOCK_SIZE ?? 10_000);

type Step = (index: number) => unknown;

async function block(step: Step, offset: number): Promise<number> {
  const started = process.hrtime.bigint();
  for (let index = 0; index < BLOCK_SIZE; index += 1) await step(offset + index);
  return Number(process.hrtime.bigint() - started) / BLOCK_SIZE;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * receive() against the least any verifier must do: one HMAC-SHA256 (keyed by the secret string, as a user
 * writes it) and one JSON.parse of the same bytes. The two alternate in short blocks over the same distinct
 * deliveries; the ratio is the median of the ratios of neighbouring blocks, so that a noisy neighbour, which
 * slows both of a pair alike, hardly moves it.
 */
export async function runMicro(deliveries: BenchDelivery[]): Promise<{ receive: number; floor: number; ratio: number }> {
  const raws = deliveries.map((delivery) => Buffer.from(delivery.body));
  const pick = (index: number) => index % deliveries.length;
  // The pipeline as issue #2 measured it (no de-duplication), and with the default in-memory de-duplication;
  // there every call gets a fresh key, so each one claims and completes like a new delivery.
  const receiver = createMtaReceiver({ secret: BENCH_SECRET, dedupe: false, handlers: { 'delivery-status': () => {} } });
  let fresh = 0;
  const deduplicating = createMtaReceiver({
    secret: BENCH_SECRET,
    deliveryKey: () => `bench:${fresh++}`,
    handlers: { 'delivery-status': () => {} },
  });
  const floorStep: Step = (index) => {
    const raw = raws[pick(index)]!;
    createHmac('sha256', BENCH_SECRET).update(raw).digest('hex');
    return JSON.parse(raw.toString('utf8'));
  };
  const receiveStep: Step = (index) => {
    const at = pick(index);
    return receiver.receive({ rawBody: raws[at]!, headers: deliveries[at]!.headers });
  };
  const dedupeStep: Step = (index) => {
    const at = pick(index);
    return deduplicating.receive({ rawBody: raws[at]!, headers: deliveries[at]!.headers });
  };
  await block(floorStep, 0); // warm-up, so that both run optimized code
  await block(receiveStep, 0);
  await block(dedupeStep, 0);
  const floor: number[] = [];
  const receive: number[] = [];
  const withDedupe: number[] = [];
  const ratios: number[] = [];
  const dedupeRatios: number[] = [];
  for (let round = 0; round < BLOCKS; round += 1) {
    floor.push(await block(floorStep, round * BLOCK_SIZE));
    receive.push(await block(receiveStep, round * BLOCK_SIZE));
    withDedupe.push(await block(dedupeStep, round * BLOCK_SIZE));
    ratios.push(receive[round]! / floor[round]!);
    dedupeRatios.push(withDedupe[round]! / floor[round]!);
  }
  const result = { receive: median(receive) / 1000, floor: median(floor) / 1000, ratio: median(ratios) };
  const µs = (nanos: number) => `${(nanos / 1000).toFixed(2)} µs`;
  console.log(`micro-benchmark: ${BLOCKS} alternating blocks of ${BLOCK_SIZE} operations each, medians`);
  console.log('| step | time per delivery | ratio to the floor |\n|---|---|---|');
  console.log(`| floor: one HMAC-SHA256 + one JSON.parse | ${µs(median(floor))} | 1.00x |`);
  console.log(`| receiver.receive(), no de-duplication | ${µs(median(receive))} | ${result.ratio.toFixed(2)}x |`);
  console.log(`| receiver.receive(), in-memory de-duplication | ${µs(median(withDedupe))} | ${median(dedupeRatios).toFixed(2)}x |`);
  return result;
}
