import { mtaFixture, signedMtaRequest } from 'sms-webhooks/testing';

export const BENCH_SECRET = 'bench-secret-0b8f4c1e7d2a9f6e3c5b8a1d4f7e2c9b';

export interface BenchDelivery {
  body: string;
  headers: Record<string, string>;
}

/** Distinct signed ~300-byte V3 delivery-status deliveries: each has its own message id. */
export function makeDeliveries(count: number): BenchDelivery[] {
  const deliveries: BenchDelivery[] = [];
  for (let index = 0; index < count; index += 1) {
    const payload = mtaFixture('delivery-status', { overrides: { messageId: String(900_000_000 + index) } });
    const { body, headers } = signedMtaRequest(payload, BENCH_SECRET);
    deliveries.push({ body: String(body), headers });
  }
  return deliveries;
}
