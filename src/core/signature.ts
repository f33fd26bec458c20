import { type KeyObject, createHmac, createSecretKey, timingSafeEqual } from 'node:crypto';

const GIVEN = Buffer.alloc(32);

/** A secret as an HMAC key: its UTF-8 bytes. A KeyObject made once is reused for every delivery. */
export type HmacKey = string | KeyObject;

export function toHmacKey(secret: string): KeyObject {
  return createSecretKey(Buffer.from(secret, 'utf8'));
}

/** Lowercase hex HMAC-SHA256 of `body`, keyed by the UTF-8 bytes of `secret`. */
export function hmacSha256Hex(body: Uint8Array | string, secret: HmacKey): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/**
 * True when `signature` is the hex HMAC-SHA256 of `body` under any one of `keys` (several secrets allow a
 * rotation without downtime). A header that is not exactly 64 hex characters is simply not valid: it never
 * throws. The comparison is on decoded bytes and in constant time.
 */
export function verifyHexHmac(body: Uint8Array | string, signature: string | undefined | null, keys: readonly HmacKey[]): boolean {
  if (typeof signature !== 'string') return false;
  const candidate = signature.length === 64 ? signature : signature.trim();
  if (candidate.length !== 64) return false;
  // Decoded into one reused buffer (this runs synchronously, so nothing else can touch it meanwhile). Hex
  // decoding stops at the first character that is not hex: 32 bytes from 64 characters means all were hex.
  const given = GIVEN;
  if (given.write(candidate, 'hex') !== 32) return false;
  let matched = false;
  // Every key is tried, even after a match, so the time taken does not tell which secret matched.
  for (const key of keys) {
    if (timingSafeEqual(createHmac('sha256', key).update(body).digest(), given)) matched = true;
  }
  return matched;
}
