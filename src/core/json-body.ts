import { WebhookError } from './errors.js';

// Fatal: bytes that are not UTF-8 throw instead of turning into U+FFFD. A web-standard API, so this also runs on
// workerd without nodejs_compat (node:buffer's isUtf8 does not). It drops a leading byte-order mark itself.
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decode signed bytes as UTF-8 JSON. A leading byte-order mark is tolerated; bytes that are not UTF-8 are a
 * 415, text that is not JSON a 400. Messages never quote the body, which may hold phone numbers or text.
 */
export function parseJsonBody(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    throw new WebhookError('body.unsupported_encoding', 'The body is not valid UTF-8: webhook bodies must be UTF-8 JSON.');
  }
  try {
    return JSON.parse(text);
  } catch {
    const detail = text.trim() === '' ? 'the body is empty' : `${bytes.byteLength} bytes that do not parse as JSON`;
    throw new WebhookError('payload.invalid_json', `The body is not valid JSON (${detail}).`);
  }
}
