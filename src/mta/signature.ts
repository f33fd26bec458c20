import { hmacSha256Hex, verifyHexHmac } from '../core/signature.js';

/**
 * The `X-Signature` MTA sends with a body: lowercase hex HMAC-SHA256 of the exact body bytes, keyed by the
 * UTF-8 bytes of the webhook's secret.
 */
export function signMtaPayload(rawBody: Buffer | Uint8Array | string, secret: string): string {
  if (typeof secret !== 'string' || secret.length === 0) throw new TypeError('signMtaPayload needs a non-empty secret.');
  return hmacSha256Hex(rawBody, secret);
}

/**
 * True when `signature` (the `X-Signature` header) matches the body under one of `secrets`. Never throws for a
 * bad header: a missing, wrong-length or non-hex value is simply false.
 */
export function verifyMtaSignature(
  rawBody: Buffer | Uint8Array | string,
  signature: string | undefined | null,
  secrets: string | readonly string[],
): boolean {
  return verifyHexHmac(rawBody, signature, typeof secrets === 'string' ? [secrets] : secrets);
}
