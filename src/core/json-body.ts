import { isUtf8 } from 'node:buffer';
import { WebhookError } from './errors.js';

const BOM = '\uFEFF';

/**
 * Decode signed bytes as UTF-8 JSON. A leading byte-order mark is tolerated; bytes that are not UTF-8 are a
 * 415, text that is not JSON a 400. Messages never quote the body, which may hold phone numbers or text.
 */
export function parseJsonBody(bytes: Uint8Array): unknown {
  const rawBody = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isUtf8(rawBody)) {
    throw new WebhookError('body.unsupported_encoding', 'The body is not valid UTF-8: webhook bodies must be UTF-8 JSON.');
  }
  let text = rawBody.toString('utf8');
  if (text.startsWith(BOM)) text = text.slice(1);
  try {
    return JSON.parse(text);
  } catch {
    const detail = text.trim() === '' ? 'the body is empty' : `${rawBody.length} bytes that do not parse as JSON`;
    throw new WebhookError('payload.invalid_json', `The body is not valid JSON (${detail}).`);
  }
}
