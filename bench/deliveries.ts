import { mtaFixture, signedMtaRequest } from 'sms-webhooks/testing';

export const BENCH_SECRET = 'bench-secret-0b8f4c1e7d2a9f6e3c5b8a1d4f7e2c9b';

export interface BenchDelivery {
  body: string;
  headers: Record<string, string>;
}

/**
 * Distinct signed ~300-byte V3 delivery-status deliveries: each has its own message id. Each also carries the
 * headers octokit's middleware requires (the same HMAC, GitHub-style), so that the octokit baselines verify the
 * same bytes with the same secret and the same work.
 */
export function makeDeliveries(count: number): BenchDelivery[] {
  const deliveries: BenchDelivery[] = [];
  for (let index = 0; index < count; index += 1) {
    const payload = mtaFixture('delivery-status', { overrides: { messageId: String(900_000_000 + index) } });
    const { body, headers } = signedMtaRequest(payload, BENCH_SECRET);
    deliveries.push({
      body: String(body),
      headers: {
        ...headers,
        'x-github-event': 'ping',
        'x-github-delivery': `d-${index}`,
        'x-hub-signature-256': `sha256=${headers['X-Signature']}`,
      },
    });
  }
  return deliveries;
}
