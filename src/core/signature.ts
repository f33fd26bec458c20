import { type KeyObject, createHmac, createSecretKey } from 'node:crypto';
import * as crypto from 'node:crypto';
import { decodeHex, verifyWithNode } from './hmac.js';

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
 * throws. The comparison is on decoded bytes and in constant time. (Node's synchronous API; receivers use
 * createHexHmacVerifier, which also runs where only WebCrypto exists.)
 */
export function verifyHexHmac(body: Uint8Array | string, signature: string | undefined | null, keys: readonly HmacKey[]): boolean {
  if (typeof signature !== 'string') return false;
  const given = new Uint8Array(32);
  return decodeHex(signature, given) && verifyWithNode(crypto, keys, body, given);
}
