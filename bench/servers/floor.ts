import { createHmac, timingSafeEqual } from 'node:crypto';
import { BENCH_SECRET } from '../deliveries.js';

/**
 * The least any verifying route must do with a delivery: one HMAC-SHA256 of the bytes, a constant-time compare
 * with the signature header, one JSON.parse. No validation, no de-duplication, no limits or deadlines. Routes
 * built on it show, on each framework, how much room is left for the rest of the work.
 */
export function verifyAndParse(body: Uint8Array, signature: string | null | undefined): unknown {
  const expected = createHmac('sha256', BENCH_SECRET).update(body).digest();
  const given = Buffer.from(signature ?? '', 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new Error('bad signature');
  return JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));
}

export const FLOOR_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
export const FLOOR_BODY = '{"ok":true}';
