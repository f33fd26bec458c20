import { createHmac, timingSafeEqual } from 'node:crypto';

const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;

/** Lowercase hex HMAC-SHA256 of `body`, keyed by the UTF-8 bytes of `secret`. */
export function hmacSha256Hex(body: Uint8Array | string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/**
 * True when `signature` is the hex HMAC-SHA256 of `body` under any one of `secrets` (several secrets allow a
 * rotation without downtime). A header that is not exactly 64 hex characters is simply not valid: it never
 * throws. The comparison is on decoded bytes and in constant time.
 */
export function verifyHexHmac(
  body: Uint8Array | string,
  signature: string | undefined | null,
  secrets: readonly string[],
): boolean {
  if (typeof signature !== 'string') return false;
  const candidate = signature.trim();
  if (!HEX_SHA256.test(candidate)) return false;
  const given = Buffer.from(candidate, 'hex');
  let matched = false;
  // Every secret is tried, even after a match, so the time taken does not tell which secret matched.
  for (const secret of secrets) {
    const expected = createHmac('sha256', secret).update(body).digest();
    if (timingSafeEqual(expected, given)) matched = true;
  }
  return matched;
}
